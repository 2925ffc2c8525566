/// The whole screen for a state: the one entry point Terminal/ draws.
public enum MonitorView {
    public static func render(_ state: MonitorState) -> ScreenGrid {
        var grid = ScreenGrid(rows: state.rows, columns: state.columns)
        let layout = MonitorLayout(state: state)
        if layout.tooSmall {
            drawTooSmall(state, into: &grid)
            return grid
        }
        switch state.screen {
        case .login:
            LoginView.draw(state, into: &grid)
        case .devices where state.showsFullscreen:
            // The picture takes the screen; the help and prompts still draw over it.
            VideoViews.drawFullscreen(state, into: &grid)
            if let prompt = state.prompt {
                PromptView.draw(prompt, state: state, into: &grid)
            } else if state.showHelp {
                HelpOverlayView.draw(into: &grid)
            }
            return grid
        case .devices:
            DeviceListView.draw(state, layout: layout, into: &grid)
            if state.showsGrid {
                VideoViews.drawGrid(state, layout: layout, into: &grid)
            } else if let panel = state.session {
                SessionPanelView.draw(panel, state: state, layout: layout, into: &grid)
            }
            MessageLineView.draw(state, row: layout.messageRow, into: &grid)
            if let prompt = state.prompt {
                PromptView.draw(prompt, state: state, into: &grid)
            } else if state.showHelp {
                HelpOverlayView.draw(into: &grid)
            }
        }
        StatusBarView.draw(state, row: layout.statusRow, into: &grid)
        return grid
    }

    static func drawTooSmall(_ state: MonitorState, into grid: inout ScreenGrid) {
        let lines = [
            "Terminal too small",
            "need \(MonitorLayout.minimumColumns)x\(MonitorLayout.minimumRows), have \(state.columns)x\(state.rows)",
            "q quits",
        ]
        let top = max(0, (grid.rows - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let left = max(0, (grid.columns - CharacterWidth.columns(of: line)) / 2)
            grid.put(line, row: top + index, column: left, style: index == 0 ? .warning : .dim)
        }
    }
}
