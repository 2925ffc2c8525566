/// One cell of the monitor's screen: a character and its style. A wide
/// character occupies its cell and the next, which is marked `continuation`
/// and holds nothing of its own.
public struct ScreenCell: Equatable, Sendable {
    public var character: Character
    public var style: TextStyle
    public var continuation: Bool

    public init(_ character: Character, style: TextStyle = .normal, continuation: Bool = false) {
        self.character = character
        self.style = style
        self.continuation = continuation
    }

    public static let blank = ScreenCell(" ")
}

/// The whole screen as the views draw it, before any terminal sees it.
/// Writes are clipped to the grid; a wide character that would straddle the
/// right edge becomes a space, and overwriting half of a wide character
/// blanks its other half, so the grid always shows what a terminal would.
public struct ScreenGrid: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public private(set) var cells: [ScreenCell]

    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        cells = Array(repeating: .blank, count: self.rows * self.columns)
    }

    public subscript(row: Int, column: Int) -> ScreenCell {
        guard contains(row: row, column: column) else { return .blank }
        return cells[row * columns + column]
    }

    func contains(row: Int, column: Int) -> Bool {
        row >= 0 && column >= 0 && row < rows && column < columns
    }

    /// Writes `text` from (row, column), at most `width` columns (to the
    /// right edge when nil). Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: TextStyle = .normal, width: Int? = nil) -> Int {
        let limit = min(columns, column + (width ?? columns))
        var x = column
        for character in text {
            let w = CharacterWidth.columns(of: character)
            if w == 0 { continue }
            if x + w > limit {
                if w == 2, x < limit { setCell(row: row, column: x, ScreenCell(" ", style: style)); x += 1 }
                break
            }
            setCell(row: row, column: x, ScreenCell(character, style: style))
            if w == 2 { setCell(row: row, column: x + 1, ScreenCell(" ", style: style, continuation: true)) }
            x += w
        }
        return x
    }

    /// Fills `width` columns from (row, column) with spaces in `style`.
    public mutating func fill(row: Int, column: Int, width: Int, style: TextStyle) {
        for x in column..<max(column, column + width) { setCell(row: row, column: x, ScreenCell(" ", style: style)) }
    }

    /// Sets one cell, first undoing any wide character it cuts in half.
    mutating func setCell(row: Int, column: Int, _ cell: ScreenCell) {
        guard contains(row: row, column: column) else { return }
        let index = row * columns + column
        if cells[index].continuation, column > 0 {
            cells[index - 1] = ScreenCell(" ", style: cells[index - 1].style)
        }
        if !cells[index].continuation, column + 1 < columns, cells[index + 1].continuation {
            cells[index + 1] = ScreenCell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// The rows as text a person would read (continuation cells skipped), for tests and logs.
    public var lines: [String] {
        (0..<rows).map { row in
            String((0..<columns).compactMap { column -> Character? in
                let cell = self[row, column]
                return cell.continuation ? nil : cell.character
            })
        }
    }

    /// The style of every cell of a row, for tests.
    public func styles(row: Int) -> [TextStyle] { (0..<columns).map { self[row, $0].style } }
}
