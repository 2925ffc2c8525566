extension ScreenGrid {
    /// A framed, cleared rectangle with a title in its top edge; overlays
    /// draw their content inside it.
    public mutating func box(top: Int, left: Int, height: Int, width: Int, title: String, style: TextStyle = .accent) {
        guard height >= 2, width >= 2 else { return }
        for row in top..<(top + height) { fill(row: row, column: left, width: width, style: .normal) }
        let rule = String(repeating: "─", count: width - 2)
        put("┌" + rule + "┐", row: top, column: left, style: style)
        put("└" + rule + "┘", row: top + height - 1, column: left, style: style)
        for row in (top + 1)..<(top + height - 1) {
            put("│", row: row, column: left, style: style)
            put("│", row: row, column: left + width - 1, style: style)
        }
        if !title.isEmpty { put(" " + title + " ", row: top, column: left + 2, style: .bold, width: max(0, width - 4)) }
    }
}
