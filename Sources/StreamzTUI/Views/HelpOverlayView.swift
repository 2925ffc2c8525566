/// The `?` overlay: every key of the device list. One binding a line when
/// the terminal is tall enough, otherwise two columns of keys with their
/// first word, so even a 40x12 terminal lists them all.
public enum HelpOverlayView {
    public static func draw(into grid: inout ScreenGrid, bindings: [KeyBinding] = KeyBindings.deviceList) {
        let keyWidth = bindings.map { CharacterWidth.columns(of: $0.keys) }.max() ?? 0
        let roomy = grid.rows - 4 >= bindings.count
        let lineCount = roomy ? bindings.count : (bindings.count + 1) / 2
        let height = min(grid.rows, lineCount + 3)
        let width = min(grid.columns, roomy ? 64 : grid.columns)
        let top = max(0, (grid.rows - height) / 2)
        let left = max(0, (grid.columns - width) / 2)
        grid.box(top: top, left: left, height: height, width: width, title: "Keys")
        let inner = width - 4
        if roomy {
            for (index, binding) in bindings.enumerated() {
                drawBinding(binding, keyWidth: keyWidth, action: binding.action, row: top + 1 + index,
                            column: left + 2, width: inner, into: &grid)
            }
        } else {
            let half = inner / 2
            for (index, binding) in bindings.enumerated() {
                let column = index < lineCount ? left + 2 : left + 2 + half
                let row = top + 1 + index % lineCount
                drawBinding(binding, keyWidth: keyWidth, action: binding.short, row: row, column: column, width: half - 1, into: &grid)
            }
        }
        grid.put("? or Esc closes", row: top + height - 2, column: left + 2, style: .dim, width: inner)
    }

    static func drawBinding(_ binding: KeyBinding, keyWidth: Int, action: String, row: Int, column: Int, width: Int,
                            into grid: inout ScreenGrid) {
        let x = grid.put(CharacterWidth.pad(binding.keys, to: keyWidth), row: row, column: column, style: .accent, width: width)
        let room = max(0, width - (x - column))
        grid.put(CharacterWidth.truncate(" " + action, to: room), row: row, column: x)
    }
}
