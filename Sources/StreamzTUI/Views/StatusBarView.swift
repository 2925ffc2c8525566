/// The bottom line: server, user, connection state (with the reconnect
/// countdown) and the clock, which right-aligns and survives truncation
/// of the rest.
public enum StatusBarView {
    public static func draw(_ state: MonitorState, row: Int, into grid: inout ScreenGrid) {
        let (connection, connectionStyle) = Format.connection(state.connection, now: state.now)
        let clock = Format.clock(state.now, timeZone: state.timeZone)
        let right = connection + "  " + clock + " "
        let rightWidth = CharacterWidth.columns(of: right)
        let rightStart = max(0, grid.columns - rightWidth)
        grid.fill(row: row, column: 0, width: grid.columns, style: .normal)
        let left = " " + state.server + (state.user.map { " · " + $0.email } ?? "")
        grid.put(CharacterWidth.truncate(left, to: rightStart - 1), row: row, column: 0, style: .dim)
        let x = grid.put(connection, row: row, column: rightStart, style: connectionStyle)
        grid.put("  " + clock + " ", row: row, column: x, style: .bold)
    }
}
