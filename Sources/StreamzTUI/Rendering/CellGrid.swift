/// A pane's worth of cells, row-major: what the renderer produces and the
/// pane writer diffs.
public struct CellGrid: Equatable, Sendable {
    public let columns: Int
    public let rows: Int
    public var cells: [Cell]

    public init(columns: Int, rows: Int, fill: Cell = .blank) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = [Cell](repeating: fill, count: self.columns * self.rows)
    }

    /// The cell at (row, column); a blank cell outside the grid.
    public subscript(row: Int, column: Int) -> Cell {
        get {
            guard row >= 0, column >= 0, row < rows, column < columns else { return .blank }
            return cells[row * columns + column]
        }
        set {
            guard row >= 0, column >= 0, row < rows, column < columns else { return }
            cells[row * columns + column] = newValue
        }
    }

    /// The characters row by row, for tests and logs.
    public var text: [String] {
        (0..<rows).map { row in String((0..<columns).map { self[row, $0].character }) }
    }
}
