import Foundation

/// The full-screen view and the grid of sessions: everything but the
/// pictures, which the loop writes into `MonitorState.videoAreas`.
public enum VideoViews {
    public static func drawFullscreen(_ state: MonitorState, into grid: inout ScreenGrid) {
        guard let panel = state.session else { return }
        let layout = FullscreenLayout(rows: grid.rows)
        let x = grid.put(" " + panel.deviceName + " ", row: layout.statsRow, column: 0, style: .accent)
        if let stats = panel.stats {
            StatsLineView.draw(stats, compact: false, row: layout.statsRow, column: x, width: grid.columns - x, into: &grid)
        } else {
            grid.put("waiting for statistics…", row: layout.statsRow, column: x, style: .dim)
        }
        if let notice = state.notice {
            grid.put(" " + notice.text, row: layout.footerRow, column: 0, style: notice.isError ? .error : .accent)
        } else {
            drawHistoryAndMeter(panel, state: state, row: layout.footerRow, into: &grid)
        }
    }

    /// Sparklines on the left; the audio meter on the right for sessions with audio.
    static func drawHistoryAndMeter(_ panel: SessionPanel, state: MonitorState, row: Int, into grid: inout ScreenGrid) {
        let history = panel.sessionId.flatMap { state.video.history[$0] }
        let hasAudio = panel.type.wantsAudio
        let sparkWidth = hasAudio ? grid.columns / 2 : grid.columns
        StatsLineView.drawSparklines(history, now: state.now, row: row, column: 1, width: sparkWidth - 1, into: &grid)
        if hasAudio {
            AudioMeterView.draw(currentMeter(panel, state: state), row: row, column: sparkWidth, width: grid.columns - sparkWidth - 1, into: &grid)
        }
    }

    public static func drawGrid(_ state: MonitorState, layout: MonitorLayout, into grid: inout ScreenGrid) {
        let sessions = state.gridSessions
        let title = "─ Grid · \(sessions.count) of \(VideoState.maxGridSessions) sessions · g closes "
        let x = grid.put(title, row: layout.panelTop, column: 0, style: .accent)
        if x < grid.columns { grid.put(String(repeating: "─", count: grid.columns - x), row: layout.panelTop, column: x, style: .accent) }
        if sessions.isEmpty {
            grid.put(" Enter, v, a or b adds the selected device.", row: layout.panelTop + 1, column: 0, style: .dim)
            return
        }
        for (panel, cell) in zip(sessions, state.gridCells) {
            drawCell(panel, cell: cell, focused: panel.sessionId == state.session?.sessionId, state: state, into: &grid)
        }
    }

    static func drawCell(_ panel: SessionPanel, cell: GridCell, focused: Bool, state: MonitorState, into grid: inout ScreenGrid) {
        let marker = focused ? "▶ " : "  "
        let x = grid.put(marker + panel.deviceName, row: cell.titleRow, column: cell.left, style: focused ? .accent : .bold,
                         width: cell.columns)
        // Connected needs no word: the picture and the stats say so.
        let status = panel.state == .connected ? "" : " · " + panel.state.rawValue
        grid.put(status, row: cell.titleRow, column: x, style: .dim, width: cell.left + cell.columns - x)
        guard let statsRow = cell.statsRow else { return }
        let hasAudio = panel.type.wantsAudio
        let meterWidth = hasAudio ? min(16, cell.columns / 3) : 0
        if let stats = panel.stats {
            StatsLineView.draw(stats, compact: true, row: statsRow, column: cell.left + 1,
                               width: cell.columns - 1 - meterWidth - 1, into: &grid)
        }
        if hasAudio, meterWidth > 0 {
            AudioMeterView.draw(currentMeter(panel, state: state), row: statsRow,
                                column: cell.left + cell.columns - meterWidth, width: meterWidth, into: &grid)
        }
        if !panel.type.wantsVideo, cell.rows > 2 {
            grid.put("  audio only", row: cell.videoTop, column: cell.left, style: .dim, width: cell.columns)
        }
    }

    /// The session's meter, unless no level has come for a while: a meter
    /// frozen at its last level would claim sound that is no longer heard.
    static func currentMeter(_ panel: SessionPanel, state: MonitorState) -> AudioMeter? {
        guard let meter = panel.sessionId.flatMap({ state.video.meters[$0] }),
              state.now.timeIntervalSince(meter.updatedAt) <= AudioMeter.staleSeconds
        else { return nil }
        return meter
    }
}
