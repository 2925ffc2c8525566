/// The line above the status bar: the filter being typed, else the latest
/// notice, else a reminder of the main keys.
public enum MessageLineView {
    static let hints = "Enter start · v/a/b video/audio/both · 1-4 quality · s stop · / filter · ? help · q quit"

    public static func draw(_ state: MonitorState, row: Int, into grid: inout ScreenGrid) {
        if state.editingFilter {
            grid.put(" /" + state.filter + "▏", row: row, column: 0, style: .accent)
            grid.put("  Enter keeps · Esc clears", row: row, column: CharacterWidth.columns(of: " /" + state.filter + "▏"), style: .dim)
        } else if let notice = state.notice {
            grid.put(" " + notice.text, row: row, column: 0, style: notice.isError ? .error : .accent)
        } else {
            grid.put(" " + hints, row: row, column: 0, style: .dim)
        }
    }
}
