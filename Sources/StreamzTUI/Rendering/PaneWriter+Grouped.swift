/// Error-bounded truecolor writing with the frame's cells grouped by colour.
///
/// When most of a picture moves, most of the bytes are colour codes (a
/// truecolor code is ~17 bytes against 1-3 for the glyph), so the writer
/// makes the cells it writes share them:
/// - the colours of all the cells due this frame are gathered into a
///   `ColorCover`: close colours (within the reuse tolerance) become one;
/// - the cells are written in the order that sets the fewest colour codes:
///   next a cell the colours already set can draw, else one that needs one
///   new colour, else the next cell along the rows;
/// - a cell not due yet but past half the tolerance is redrawn when the
///   colours already set can draw it and the cursor move is short: a few
///   bytes now instead of a whole write a few frames later.
/// Cursor moves grow (a jump to another row is a CUP), far less than the
/// colour codes saved (DECISIONS.md, "Pane writes grouped by colour").
extension PaneWriter {
    /// A cell to write, planned: its glyph pattern and the ids (in the
    /// frame's colour cover) of its colours. A cell of one colour has mask 0
    /// and only a background; it may be drawn as a space or a full block.
    /// A refresh is a cell not due yet, written only if it comes cheap.
    struct PlannedCell {
        var row: Int
        var column: Int
        var mask: Int
        var foreground: Int
        var background: Int
        var refresh = false

        var isSingle: Bool { mask == 0 }
    }

    /// How `cell` is drawn from colour ids: each pixel within √`bound` of
    /// `aim` (the cell wanted, or led along its motion). The pixel-weighted
    /// mean as one colour is tried first (one colour code instead of two).
    func plan(_ aim: Cell, aimMask: Int, row: Int, column: Int, cover: inout ColorCover) -> PlannedCell {
        let full = blitter.fullMask
        if aimMask == 0 || aimMask == full {
            let color = aimMask == 0 ? aim.background : aim.foreground
            return PlannedCell(row: row, column: column, mask: 0, foreground: 0, background: cover.id(for: color))
        }
        let bound = cover.radius * cover.radius
        let foregroundPixels = aimMask.nonzeroBitCount
        let mean = Self.mean(aim.foreground, foregroundPixels, aim.background, blitter.pixelsPerCell - foregroundPixels)
        if Self.distanceSquared(mean, aim.foreground) <= bound, Self.distanceSquared(mean, aim.background) <= bound {
            let id = cover.id(for: mean) {
                Self.distanceSquared($0, aim.foreground) <= bound && Self.distanceSquared($0, aim.background) <= bound
            }
            return PlannedCell(row: row, column: column, mask: 0, foreground: 0, background: id)
        }
        let foreground = cover.id(for: aim.foreground), background = cover.id(for: aim.background)
        if foreground == background {
            return PlannedCell(row: row, column: column, mask: 0, foreground: 0, background: background)
        }
        return PlannedCell(row: row, column: column, mask: aimMask, foreground: foreground, background: background)
    }

    /// A cell not due yet, drawn only with colours the cover already has;
    /// `nil` when one of them is missing (a refresh never adds a colour).
    func refreshPlan(_ aim: Cell, aimMask: Int, row: Int, column: Int, cover: ColorCover) -> PlannedCell? {
        let full = blitter.fullMask
        if aimMask == 0 || aimMask == full {
            guard let id = cover.nearest(to: aimMask == 0 ? aim.background : aim.foreground) else { return nil }
            return PlannedCell(row: row, column: column, mask: 0, foreground: 0, background: id, refresh: true)
        }
        guard let foreground = cover.nearest(to: aim.foreground), let background = cover.nearest(to: aim.background)
        else { return nil }
        if foreground == background {
            return PlannedCell(row: row, column: column, mask: 0, foreground: 0, background: background, refresh: true)
        }
        return PlannedCell(row: row, column: column, mask: aimMask, foreground: foreground, background: background, refresh: true)
    }

    /// This frame's cells to write, in row-major order: every cell due (not
    /// within the tolerance of the grid), planned in the cover, then the
    /// refreshes. `nil` when a due cell has a glyph the blitter does not
    /// draw (the frame is then written cell by cell).
    func groupedPlans(_ grid: CellGrid, onScreen: CellGrid, reuse: Int, cover: inout ColorCover) -> [PlannedCell]? {
        let due = colorTolerance * colorTolerance
        let refreshBound = (colorTolerance / 2) * (colorTolerance / 2)
        let ahead = colorTolerance - reuse
        var plans: [PlannedCell] = []
        var waiting: [(row: Int, column: Int, aim: Cell, mask: Int)] = []
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let wanted = grid[row, column], shown = onScreen[row, column]
                // A glyph the blitter does not draw: the frame goes cell by cell.
                guard let distance = largestDistanceSquared(shown, wanted) else {
                    if within(shown, wanted, bound: due) { continue }
                    return nil
                }
                guard distance > refreshBound else { continue }
                let isDue = distance > due
                let aim = aiming(wanted, row: row, column: column, grid: grid, ahead: ahead)
                guard let mask = masks[aim.character] else { return nil }
                if isDue {
                    plans.append(plan(aim, aimMask: mask, row: row, column: column, cover: &cover))
                } else {
                    waiting.append((row, column, aim, mask))
                    plans.append(PlannedCell(row: row, column: column, mask: -1, foreground: 0, background: 0, refresh: true))
                }
            }
        }
        // Refreshes use only the colours the due cells brought in.
        var next = 0
        for index in plans.indices where plans[index].mask < 0 {
            let cell = waiting[next]
            next += 1
            plans[index] = refreshPlan(cell.aim, aimMask: cell.mask, row: cell.row, column: cell.column, cover: cover)
                ?? plans[index]
        }
        return plans.filter { $0.mask >= 0 }
    }

    /// The terminal's colour registers by id while a grouped frame is written.
    struct Pen {
        var foreground: Int?
        var background: Int?

        /// Colour codes `cell` needs, and the orientation that needs fewest:
        /// `swapped` draws the complement glyph with the colours exchanged.
        func changes(for cell: PlannedCell) -> (count: Int, swapped: Bool) {
            if cell.isSingle {
                return (cell.background == background || cell.background == foreground ? 0 : 1, false)
            }
            let straight = (cell.foreground == foreground ? 0 : 1) + (cell.background == background ? 0 : 1)
            let swapped = (cell.background == foreground ? 0 : 1) + (cell.foreground == background ? 0 : 1)
            return swapped < straight ? (swapped, true) : (straight, false)
        }
    }

    /// Writes `plans` in colour-sharing order, updating `onScreen` with what
    /// each cell then shows.
    func writeGrouped(_ plans: [PlannedCell], cover: ColorCover, grid: CellGrid, origin: PaneOrigin,
                      onScreen: inout CellGrid, state: inout TerminalState, into out: inout [UInt8]) {
        var byColor = [[Int]](repeating: [], count: cover.colors.count)
        for (index, cell) in plans.enumerated() {
            byColor[cell.background].append(index)
            if !cell.isSingle { byColor[cell.foreground].append(index) }
        }
        var done = [Bool](repeating: false, count: plans.count)
        var pen = Pen()
        while let index = nextCell(plans, byColor: &byColor, done: done, pen: pen, cursor: state.cursor, origin: origin,
                                        columns: grid.columns)
            ?? nextInRowOrder(plans, done: done, after: state.cursor) {
            done[index] = true
            let cell = plans[index]
            let swapped = pen.changes(for: cell).swapped
            let drawn = draw(cell, swapped: swapped, pen: &pen, cover: cover)
            move(to: cell.row, cell.column, origin: origin, columns: grid.columns, state: &state, into: &out)
            setColors(for: drawn, mode: .truecolor, state: &state, into: &out)
            out.append(contentsOf: drawn.character.utf8)
            onScreen[cell.row, cell.column] = drawn
            state.cursor = (cell.row, cell.column + 1)
        }
    }

    /// A refresh is written only when no colour changes and the cursor
    /// moves in at most this many bytes (a CUP to two-digit coordinates).
    static let refreshMoveLimit = 8

    /// The waiting cell to write next: the cheapest in colour codes among
    /// those sharing a colour with the pen (ties: the shorter cursor move);
    /// `nil` when none shares one.
    private func nextCell(_ plans: [PlannedCell], byColor: inout [[Int]], done: [Bool], pen: Pen,
                          cursor: (row: Int, column: Int)?, origin: PaneOrigin, columns: Int) -> Int? {
        var best: (index: Int, cost: Int)?
        for color in [pen.foreground, pen.background].compactMap({ $0 }) {
            byColor[color].removeAll { done[$0] }
            for index in byColor[color] {
                let cell = plans[index]
                let changes = pen.changes(for: cell).count
                let move = Self.moveCost(from: cursor, to: (cell.row, cell.column), origin: origin, columns: columns)
                if cell.refresh, changes > 0 || move > Self.refreshMoveLimit { continue }
                let cost = changes * 64 + move
                if cost < best?.cost ?? Int.max { best = (index, cost) }
            }
        }
        return best?.index
    }

    /// The first waiting cell at or after the cursor in row-major order
    /// (`plans` is in that order), wrapping round to the top.
    private func nextInRowOrder(_ plans: [PlannedCell], done: [Bool], after cursor: (row: Int, column: Int)?) -> Int? {
        var low = 0, high = plans.count
        if let cursor {
            while low < high {
                let middle = (low + high) / 2
                let cell = plans[middle]
                if (cell.row, cell.column) < (cursor.row, cursor.column) { low = middle + 1 } else { high = middle }
            }
        }
        for offset in 0..<plans.count {
            let index = (low + offset) % plans.count
            if !done[index], !plans[index].refresh { return index }
        }
        return nil
    }

    /// The cell `cell` shows when drawn with its colours (exchanged when
    /// `swapped`), after setting the pen to them. A single colour goes where
    /// the pen already has it (a space shows the background, a full block
    /// the foreground), else into the background.
    private func draw(_ cell: PlannedCell, swapped: Bool, pen: inout Pen, cover: ColorCover) -> Cell {
        if cell.isSingle {
            let color = cover[cell.background]
            if cell.background == pen.foreground, cell.background != pen.background {
                return Cell(character: glyphs[blitter.fullMask], foreground: color, background: pen.background.map { cover[$0] } ?? color)
            }
            pen.background = cell.background
            return Cell(character: " ", foreground: pen.foreground.map { cover[$0] } ?? color, background: color)
        }
        let mask = swapped ? blitter.fullMask ^ cell.mask : cell.mask
        let foreground = swapped ? cell.background : cell.foreground
        let background = swapped ? cell.foreground : cell.background
        pen.foreground = foreground
        pen.background = background
        return Cell(character: glyphs[mask], foreground: cover[foreground], background: cover[background])
    }
}
