/// Where a pane's top-left cell sits on the screen (0-based).
public struct PaneOrigin: Equatable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// Writes cell grids as terminal bytes, sending only what changed since the
/// grid it wrote last (timg's approach): a cursor move only when the next
/// changed cell is not where the cursor already is, colour codes only when
/// they differ from the terminal's current ones (notcurses' elision), and the
/// whole frame inside synchronized output. An unchanged frame writes nothing.
///
/// With a colour tolerance the writer is error-bounded rather than exact
/// (PaneWriter+Approximation.swift): every pixel the pane shows stays within
/// the tolerance of the grid last given, and within that bound it picks the
/// cheapest bytes. In truecolor it also writes the frame's changed cells
/// grouped by colour rather than along the rows (PaneWriter+Grouped.swift),
/// so cells far apart share colour codes.
///
/// The monitor writes these bytes straight to the terminal after ncurses'
/// refresh (see DECISIONS.md, "Terminal renderer"); saving and restoring the
/// cursor around them keeps ncurses' idea of the cursor and attributes true.
public struct PaneWriter: Sendable {
    public var synchronizedOutput: Bool
    /// Wrap the frame in DECSC/DECRC (restores cursor and attributes after);
    /// when off, attributes are reset with SGR 0 instead and the cursor is
    /// left after the last cell written.
    public var preservesCursor: Bool
    /// A cell whose every pixel (by the blitter's glyph patterns) is within
    /// this RGB distance (Euclidean, 0-441) of the pixel wanted is left as it
    /// is on screen (0: exact diff). Because the comparison is against what
    /// is on screen, errors never accumulate past the tolerance.
    public var colorTolerance: Int
    /// A cell that is written may be drawn with colours already set or
    /// shared with other cells of the frame, one colour instead of two, or
    /// its glyph's complement, when every pixel stays within this distance
    /// of the one wanted. At most `colorTolerance`; smaller, so a written
    /// cell lands close to its target and does not need rewriting at the
    /// next small change. By default half the tolerance, rounded up.
    public var reuseTolerance: Int
    /// A cell written while its colours are moving steadily is drawn this
    /// many frames ahead along its motion (at most `colorTolerance` -
    /// `reuseTolerance` ahead, so still within the tolerance): its error then
    /// runs from behind the target, through zero, to the tolerance ahead,
    /// and it lasts longer before it must be rewritten. 0: off.
    public var motionLead: Int
    /// The glyph patterns cells are read with, to compare cells pixel by pixel.
    public var blitter: Blitter {
        didSet { (masks, glyphs) = Self.tables(blitter) }
    }

    /// What the terminal shows in the pane, as far as this writer knows.
    private var previous: CellGrid?
    private var previousOrigin: PaneOrigin?
    private var previousMode: ColorMode?
    /// The grid given last (what was wanted, not what is shown): how each
    /// cell's colours are moving.
    private var lastWanted: CellGrid?
    /// The colours of the frame being written, grouped (kept to reuse its storage).
    private var frameCover = ColorCover()
    /// The grid before that: a motion counts only when it continues.
    private var earlierWanted: CellGrid?
    var masks: GlyphMasks
    var glyphs: [Character]

    public init(synchronizedOutput: Bool = true, preservesCursor: Bool = true, colorTolerance: Int = 0,
                reuseTolerance: Int? = nil, motionLead: Int = 0, blitter: Blitter = .halfBlock) {
        self.synchronizedOutput = synchronizedOutput
        self.preservesCursor = preservesCursor
        self.colorTolerance = max(0, colorTolerance)
        self.reuseTolerance = max(0, reuseTolerance ?? Self.defaultReuse(forTolerance: colorTolerance))
        self.motionLead = max(0, motionLead)
        self.blitter = blitter
        (masks, glyphs) = Self.tables(blitter)
    }

    /// Half the colour tolerance, rounded up: the reuse tolerance unless one is given.
    public static func defaultReuse(forTolerance tolerance: Int) -> Int { (max(0, tolerance) + 1) / 2 }

    /// The blitter's glyph patterns both ways: mask by glyph, glyph by mask.
    private static func tables(_ blitter: Blitter) -> (GlyphMasks, [Character]) {
        (GlyphMasks(blitter), (0...blitter.fullMask).map { blitter.glyph(forMask: $0) })
    }

    /// The cells the pane shows after the last write (with a colour
    /// tolerance, they may differ from the last grid within it); `nil`
    /// before the first write or after `invalidate()`.
    public var screen: CellGrid? { previous }

    /// Forgets what is on screen, so the next frame is written in full (after
    /// the screen was cleared, resized or redrawn by ncurses).
    public mutating func invalidate() {
        previous = nil
        lastWanted = nil
        earlierWanted = nil
    }

    /// The bytes that bring the pane at `origin` from the last grid written to
    /// `grid`; empty when nothing changed.
    public mutating func write(_ grid: CellGrid, at origin: PaneOrigin, colorMode: ColorMode) -> [UInt8] {
        let full = previous.map { $0.columns != grid.columns || $0.rows != grid.rows } ?? true
            || origin != previousOrigin || colorMode != previousMode
        let reuse = min(reuseTolerance, colorTolerance)
        var state = TerminalState()
        var out: [UInt8] = []
        var onScreen = full ? grid : previous ?? grid
        // Truecolor with a tolerance: the due cells grouped by colour
        // (PaneWriter+Grouped.swift); otherwise (a full frame, the palette
        // modes, an exact diff) cell by cell along the rows.
        let grouped = !full && colorMode == .truecolor && reuse > 0
        // The cover's storage is kept from frame to frame; it is moved out
        // (not copied) while this frame uses it.
        var cover = ColorCover()
        if grouped {
            swap(&cover, &frameCover)
            cover.reset(radius: reuse)
        }
        defer { if grouped { swap(&cover, &frameCover) } }
        if grouped, let plans = groupedPlans(grid, onScreen: onScreen, reuse: reuse, cover: &cover) {
            if plans.contains(where: { !$0.refresh }) {
                begin(&out, colorMode: colorMode, state: &state)
                writeGrouped(plans, cover: cover, grid: grid, origin: origin, onScreen: &onScreen, state: &state, into: &out)
            }
        } else {
            writeRowMajor(grid, full: full, origin: origin, mode: colorMode, onScreen: &onScreen, state: &state, into: &out)
        }
        if state.started {
            out.append(contentsOf: preservesCursor ? EscapeSequence.restoreCursor : EscapeSequence.resetAttributes)
            if synchronizedOutput { out.append(contentsOf: EscapeSequence.endSynchronizedUpdate) }
        }
        previous = onScreen
        earlierWanted = lastWanted
        lastWanted = grid
        previousOrigin = origin
        previousMode = colorMode
        return out
    }

    /// Writes every cell that differs from what is on screen (beyond the
    /// tolerance, unless `full`), row by row, left to right.
    private func writeRowMajor(_ grid: CellGrid, full: Bool, origin: PaneOrigin, mode: ColorMode, onScreen: inout CellGrid,
                               state: inout TerminalState, into out: inout [UInt8]) {
        let skipBound = mode == .monochrome ? 0 : colorTolerance * colorTolerance
        let reuse = min(reuseTolerance, colorTolerance)
        let reuseBound = mode == .monochrome || reuse == 0 ? nil : reuse * reuse
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let wanted = grid[row, column]
                if !full, within(onScreen[row, column], wanted, bound: skipBound) { continue }
                let cell = reuseBound.map {
                    drawing(wanted, row: row, column: column, grid: grid, mode: mode, state: state, bound: $0,
                            ahead: full ? 0 : colorTolerance - reuse)
                } ?? wanted
                if !state.started { begin(&out, colorMode: mode, state: &state) }
                let filled = reuseBound.map {
                    fillGap(before: column, row: row, grid: grid, mode: mode, onScreen: &onScreen, state: &state, bound: $0, into: &out)
                } ?? false
                if !filled { move(to: row, column, origin: origin, columns: grid.columns, state: &state, into: &out) }
                setColors(for: cell, mode: mode, state: &state, into: &out)
                out.append(contentsOf: cell.character.utf8)
                onScreen[row, column] = cell
                state.cursor = (row, column + 1)
            }
        }
    }

    /// The cell to write for `wanted` at (row, column): the cheapest within
    /// `bound` (squared), aimed up to `ahead` along a steady motion when
    /// there is one and the result stays within the tolerance.
    private func drawing(_ wanted: Cell, row: Int, column: Int, grid: CellGrid, mode: ColorMode,
                         state: TerminalState, bound: Int, ahead: Int) -> Cell {
        let cell = cheapest(wanted, mode: mode, state: state, bound: bound)
        guard motionLead > 0, ahead > 0, let last = lastWanted, let earlier = earlierWanted,
              last.columns == grid.columns, last.rows == grid.rows,
              earlier.columns == grid.columns, earlier.rows == grid.rows
        else { return cell }
        let aim = leading(wanted, from: last[row, column], earlier: earlier[row, column], ahead: ahead)
        guard aim != wanted else { return cell }
        let led = cheapest(aim, mode: mode, state: state, bound: bound)
        return within(led, wanted, bound: colorTolerance * colorTolerance) ? led : cell
    }

    /// `wanted` led along its steady motion by up to `ahead`, or itself.
    func aiming(_ wanted: Cell, row: Int, column: Int, grid: CellGrid, ahead: Int) -> Cell {
        guard motionLead > 0, ahead > 0, let last = lastWanted, let earlier = earlierWanted,
              last.columns == grid.columns, last.rows == grid.rows,
              earlier.columns == grid.columns, earlier.rows == grid.rows
        else { return wanted }
        return leading(wanted, from: last[row, column], earlier: earlier[row, column], ahead: ahead)
    }

    /// What the writer knows about the terminal while writing one frame.
    struct TerminalState {
        var started = false
        /// Pane-relative; `nil` until the first move (ncurses left it anywhere).
        var cursor: (row: Int, column: Int)?
        /// `nil` = unknown (before the first SGR) or the terminal default.
        var foreground: RGB?
        var background: RGB?
        /// The terminal's attributes are whatever ncurses left: the first SGR
        /// of a frame starts with 0 to reset them.
        var needsReset = true
    }

    private func begin(_ out: inout [UInt8], colorMode: ColorMode, state: inout TerminalState) {
        state.started = true
        if synchronizedOutput { out.append(contentsOf: EscapeSequence.beginSynchronizedUpdate) }
        if preservesCursor { out.append(contentsOf: EscapeSequence.saveCursor) }
        if colorMode == .monochrome {
            // No colour codes follow, so reset now to draw in default colours.
            out.append(contentsOf: EscapeSequence.resetAttributes)
            state.needsReset = false
        }
    }

    /// How the cursor gets from `cursor` to `target` (pane cells): not at
    /// all, along its row (CUF/CUB), along its column (CUD/CUU), or with an
    /// absolute CUP. After a cell in the pane's last column the cursor may
    /// sit in the terminal's pending-wrap state, so only CUP is trusted there.
    enum CursorMove {
        case none
        case alongRow(Int)
        case alongColumn(Int)
        case absolute
    }

    static func cursorMove(from cursor: (row: Int, column: Int)?, to target: (row: Int, column: Int), columns: Int) -> CursorMove {
        guard let cursor else { return .absolute }
        if cursor.row == target.row, cursor.column == target.column { return .none }
        if cursor.row == target.row, cursor.column < columns { return .alongRow(target.column - cursor.column) }
        if cursor.column == target.column { return .alongColumn(target.row - cursor.row) }
        return .absolute
    }

    /// Bytes of the move `move(to:…)` makes from `cursor`.
    static func moveCost(from cursor: (row: Int, column: Int)?, to target: (row: Int, column: Int), origin: PaneOrigin,
                         columns: Int) -> Int {
        switch cursorMove(from: cursor, to: target, columns: columns) {
        case .none: 0
        case .alongRow(let n), .alongColumn(let n): 3 + (abs(n) == 1 ? 0 : EscapeSequence.decimalLength(abs(n)))
        case .absolute:
            4 + EscapeSequence.decimalLength(origin.row + target.row + 1) + EscapeSequence.decimalLength(origin.column + target.column + 1)
        }
    }

    func move(to row: Int, _ column: Int, origin: PaneOrigin, columns: Int, state: inout TerminalState, into out: inout [UInt8]) {
        switch Self.cursorMove(from: state.cursor, to: (row, column), columns: columns) {
        case .none: break
        case .alongRow(let n): EscapeSequence.cursorAlongRow(n, into: &out)
        case .alongColumn(let n): EscapeSequence.cursorAlongColumn(n, into: &out)
        case .absolute: EscapeSequence.cursorPosition(row: origin.row + row + 1, column: origin.column + column + 1, into: &out)
        }
    }

    /// A space shows only its background and a full block only its
    /// foreground, so the other colour need not be sent.
    static func needs(_ cell: Cell, _ state: TerminalState) -> (foreground: Bool, background: Bool) {
        (cell.character != " " && state.foreground != cell.foreground,
         cell.character != "█" && state.background != cell.background)
    }

    func setColors(for cell: Cell, mode: ColorMode, state: inout TerminalState, into out: inout [UInt8]) {
        guard mode != .monochrome else { return }
        let (needsForeground, needsBackground) = Self.needs(cell, state)
        guard needsForeground || needsBackground || state.needsReset else { return }
        out.append(EscapeSequence.escape)
        out.append(UInt8(ascii: "["))
        var first = true
        func separate() {
            if !first { out.append(UInt8(ascii: ";")) }
            first = false
        }
        if state.needsReset {
            separate()
            out.append(UInt8(ascii: "0"))
            state.needsReset = false
        }
        if needsForeground {
            separate()
            SGRColor.appendParameters(for: cell.foreground, background: false, mode: mode, into: &out)
            state.foreground = cell.foreground
        }
        if needsBackground {
            separate()
            SGRColor.appendParameters(for: cell.background, background: true, mode: mode, into: &out)
            state.background = cell.background
        }
        out.append(UInt8(ascii: "m"))
    }
}
