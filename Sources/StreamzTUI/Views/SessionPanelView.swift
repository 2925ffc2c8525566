import StreamzProtocol

/// The session panel: which device and what was asked for, the state
/// transitions so far (requested → connecting → connected, or failed with
/// the server's reason), and the latest stats when they arrive.
public enum SessionPanelView {
    public static func draw(_ panel: SessionPanel, state: MonitorState, layout: MonitorLayout, into grid: inout ScreenGrid) {
        let top = layout.panelTop
        let width = grid.columns
        let title = "─ Session · \(panel.deviceName) · \(Format.sessionType(panel.type)) · \(panel.quality.rawValue) "
        let x = grid.put(title, row: top, column: 0, style: .accent, width: width)
        if x < width { grid.put(String(repeating: "─", count: width - x), row: top, column: x, style: .accent) }

        var column = grid.put(" ", row: top + 1, column: 0)
        for (index, transition) in panel.transitions.enumerated() {
            if index > 0 { column = grid.put(" → ", row: top + 1, column: column, style: .dim) }
            let isCurrent = index == panel.transitions.count - 1
            column = grid.put(transition.state.rawValue, row: top + 1, column: column,
                              style: style(of: transition.state, current: isCurrent))
        }

        grid.put(" " + stateLine(panel, state: state), row: top + 2, column: 0, style: stateStyle(panel), width: width)

        // The stats line, then the sparklines and the audio meter (VideoViews).
        if let stats = panel.stats, !StatsLineView.segments(stats, compact: false).isEmpty {
            StatsLineView.draw(stats, compact: false, row: top + 3, column: 1, width: width - 1, into: &grid)
        } else if panel.state == .connected {
            grid.put(" waiting for statistics…", row: top + 3, column: 0, style: .dim)
        }
        if panel.isActive, panel.sessionId != nil {
            VideoViews.drawHistoryAndMeter(panel, state: state, row: top + 4, into: &grid)
        }
    }

    static func style(of state: SessionState, current: Bool) -> TextStyle {
        switch state {
        case .failed: .error
        case .ended: .warning
        case .connected: current ? .online : .dim
        case .requested, .connecting: current ? .bold : .dim
        }
    }

    static func stateLine(_ panel: SessionPanel, state: MonitorState) -> String {
        switch panel.state {
        case .failed:
            let reason = panel.reason ?? "unknown"
            return "failed: " + reason + (panel.message.map { " — " + $0 } ?? "")
        case .ended:
            return "ended" + (panel.reason.map { ": " + $0 } ?? "") + " · press Enter to start again"
        case .connected:
            let since = panel.transitions.last { $0.state == .connected }?.at
            return panel.stopRequested ? "stopping…"
                : "connected" + (since.map { " since " + Format.clock($0, timeZone: state.timeZone) } ?? "") + " · s stops"
        case .requested, .connecting:
            return panel.stopRequested ? "stopping…" : "waiting for the device… · s cancels"
        }
    }

    static func stateStyle(_ panel: SessionPanel) -> TextStyle {
        switch panel.state {
        case .failed: .error
        case .ended: .warning
        case .connected: .normal
        case .requested, .connecting: .dim
        }
    }
}
