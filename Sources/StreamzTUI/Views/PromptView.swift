/// The rename prompt and the remove confirmation, as a box over the list.
public enum PromptView {
    public static func draw(_ prompt: MonitorState.Prompt, state: MonitorState, into grid: inout ScreenGrid) {
        let width = min(grid.columns - 2, 56)
        let height = 5
        let top = max(0, (grid.rows - height) / 2)
        let left = max(0, (grid.columns - width) / 2)
        let inner = width - 4
        switch prompt {
        case .rename(let deviceId, let text):
            let current = state.device(deviceId)?.name ?? ""
            grid.box(top: top, left: left, height: height, width: width, title: "Rename “\(current)”")
            grid.fill(row: top + 1, column: left + 2, width: inner, style: .selection)
            grid.put(LoginView.tail(text + "▏", width: inner), row: top + 1, column: left + 2, style: .selection, width: inner)
            grid.put("Enter saves · Esc cancels", row: top + 3, column: left + 2, style: .dim, width: inner)
        case .confirmRemove(_, let name):
            grid.box(top: top, left: left, height: height, width: width, title: "Remove device", style: .warning)
            grid.put("Remove “\(name)”?", row: top + 1, column: left + 2, style: .bold, width: inner)
            grid.put("It goes offline and its sessions end.", row: top + 2, column: left + 2, width: inner)
            let x = grid.put("y", row: top + 3, column: left + 2, style: .error)
            grid.put(" removes · n or Esc keeps it", row: top + 3, column: x, style: .dim, width: inner - 1)
        }
    }
}
