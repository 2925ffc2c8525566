/// One session's cell of the grid: a title row, the video rows (none when
/// the cell is too short for a picture worth showing) and a stats row.
public struct GridCell: Equatable, Sendable {
    public var top: Int
    public var left: Int
    public var rows: Int
    public var columns: Int

    /// The video needs at least this many rows between title and stats.
    public static let minimumVideoRows = 2

    public var titleRow: Int { top }
    /// The compact stats and meter line; nil in a cell of one row.
    public var statsRow: Int? { rows >= 2 ? top + rows - 1 : nil }
    public var videoTop: Int { top + 1 }
    public var videoRows: Int { rows - 2 >= Self.minimumVideoRows ? rows - 2 : 0 }
}

/// Where the grid's cells go in a rectangle of the screen: one cell fills
/// it; two sit side by side or one above the other, whichever leaves a 16:9
/// picture more room; three and four take the quarters (the fourth quarter
/// stays empty for three). Columns are one blank column apart.
public enum GridLayout {
    /// Columns per row a 16:9 picture takes with cells twice as tall as wide.
    static let pictureCellAspect = 16.0 / 9.0 * 2

    public static func cells(count: Int, top: Int, rows: Int, columns: Int) -> [GridCell] {
        guard count > 0, rows > 0, columns > 0 else { return [] }
        let (gridRows, gridColumns): (Int, Int)
        switch min(count, VideoState.maxGridSessions) {
        case 1: (gridRows, gridColumns) = (1, 1)
        case 2:
            let sideBySide = pictureArea(columns: (columns - 1) / 2, rows: rows)
            let stacked = pictureArea(columns: columns, rows: rows / 2)
            (gridRows, gridColumns) = sideBySide >= stacked ? (1, 2) : (2, 1)
        default: (gridRows, gridColumns) = (2, 2)
        }
        var cells: [GridCell] = []
        for index in 0..<min(count, gridRows * gridColumns) {
            let r = index / gridColumns, c = index % gridColumns
            // Split the room as evenly as it goes; the first row/column gets the remainder.
            let rowTop = top + split(rows, parts: gridRows, index: r, gap: 0)
            let rowHeight = split(rows, parts: gridRows, index: r + 1, gap: 0) - split(rows, parts: gridRows, index: r, gap: 0)
            let left = split(columns, parts: gridColumns, index: c, gap: 1)
            let right = c + 1 < gridColumns ? split(columns, parts: gridColumns, index: c + 1, gap: 1) - 1 : columns
            let width = right - left
            guard rowHeight > 0, width > 0 else { continue }
            cells.append(GridCell(top: rowTop, left: left, rows: rowHeight, columns: width))
        }
        return cells
    }

    /// Where part `index` of `total` split into `parts` (with `gap` between
    /// parts) starts; `index == parts` is one gap past the end.
    static func split(_ total: Int, parts: Int, index: Int, gap: Int) -> Int {
        guard parts > 0 else { return 0 }
        return (total + gap) * min(index, parts) / parts
    }

    /// The cells a 16:9 picture covers in a video area of that size.
    static func pictureArea(columns: Int, rows: Int) -> Double {
        let videoRows = Double(max(0, rows - 2))
        let width = min(Double(columns), videoRows * pictureCellAspect)
        return width * min(videoRows, Double(columns) / pictureCellAspect)
    }
}
