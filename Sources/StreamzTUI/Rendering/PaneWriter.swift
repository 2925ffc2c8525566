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
/// The monitor writes these bytes straight to the terminal after ncurses'
/// refresh (see DECISIONS-tui-render.md); saving and restoring the cursor
/// around them keeps ncurses' idea of the cursor and attributes true.
public struct PaneWriter: Sendable {
    public var synchronizedOutput: Bool
    /// Wrap the frame in DECSC/DECRC (restores cursor and attributes after);
    /// when off, attributes are reset with SGR 0 instead and the cursor is
    /// left after the last cell written.
    public var preservesCursor: Bool
    /// A cell whose glyph is unchanged and whose colours each moved by at most
    /// this much per channel is left as it is on screen (0: exact diff).
    /// Camera noise changes nearly every cell a little in every frame; a
    /// small tolerance keeps those from costing a full frame of bytes, and
    /// because the comparison is against what is on screen, errors never
    /// accumulate past the tolerance.
    public var colorTolerance: Int

    /// What the terminal shows in the pane, as far as this writer knows.
    private var previous: CellGrid?
    private var previousOrigin: PaneOrigin?
    private var previousMode: ColorMode?

    public init(synchronizedOutput: Bool = true, preservesCursor: Bool = true, colorTolerance: Int = 0) {
        self.synchronizedOutput = synchronizedOutput
        self.preservesCursor = preservesCursor
        self.colorTolerance = max(0, colorTolerance)
    }

    /// The cells the pane shows after the last write (with a colour
    /// tolerance, some may be older than the last grid); `nil` before the
    /// first write or after `invalidate()`.
    public var screen: CellGrid? { previous }

    /// Forgets what is on screen, so the next frame is written in full (after
    /// the screen was cleared, resized or redrawn by ncurses).
    public mutating func invalidate() {
        previous = nil
    }

    /// The bytes that bring the pane at `origin` from the last grid written to
    /// `grid`; empty when nothing changed.
    public mutating func write(_ grid: CellGrid, at origin: PaneOrigin, colorMode: ColorMode) -> [UInt8] {
        let full = previous.map { $0.columns != grid.columns || $0.rows != grid.rows } ?? true
            || origin != previousOrigin || colorMode != previousMode
        var state = TerminalState()
        var out: [UInt8] = []
        var onScreen = full ? grid : previous ?? grid
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let cell = grid[row, column]
                if !full, looksTheSame(onScreen[row, column], cell) { continue }
                onScreen[row, column] = cell
                if !state.started { begin(&out, colorMode: colorMode, state: &state) }
                move(to: row, column, origin: origin, state: &state, into: &out)
                setColors(for: cell, mode: colorMode, state: &state, into: &out)
                out.append(contentsOf: cell.character.utf8)
                state.cursor = (row, column + 1)
            }
        }
        if state.started {
            out.append(contentsOf: preservesCursor ? EscapeSequence.restoreCursor : EscapeSequence.resetAttributes)
            if synchronizedOutput { out.append(contentsOf: EscapeSequence.endSynchronizedUpdate) }
        }
        previous = onScreen
        previousOrigin = origin
        previousMode = colorMode
        return out
    }

    private func looksTheSame(_ shown: Cell, _ wanted: Cell) -> Bool {
        if shown == wanted { return true }
        guard colorTolerance > 0, shown.character == wanted.character else { return false }
        // A space shows no foreground and a full block no background.
        return (wanted.character == " " || close(shown.foreground, wanted.foreground))
            && (wanted.character == "█" || close(shown.background, wanted.background))
    }

    private func close(_ a: RGB, _ b: RGB) -> Bool {
        abs(Int(a.r) - Int(b.r)) <= colorTolerance && abs(Int(a.g) - Int(b.g)) <= colorTolerance
            && abs(Int(a.b) - Int(b.b)) <= colorTolerance
    }

    /// What the writer knows about the terminal while writing one frame.
    private struct TerminalState {
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

    private func move(to row: Int, _ column: Int, origin: PaneOrigin, state: inout TerminalState, into out: inout [UInt8]) {
        if let cursor = state.cursor {
            if cursor.row == row, cursor.column == column { return }
            if cursor.row == row, cursor.column < column {
                EscapeSequence.cursorForward(column - cursor.column, into: &out)
                return
            }
        }
        EscapeSequence.cursorPosition(row: origin.row + row + 1, column: origin.column + column + 1, into: &out)
    }

    private func setColors(for cell: Cell, mode: ColorMode, state: inout TerminalState, into out: inout [UInt8]) {
        guard mode != .monochrome else { return }
        // A space shows only its background and a full block only its
        // foreground, so the other colour need not be sent.
        let needsForeground = cell.character != " " && state.foreground != cell.foreground
        let needsBackground = cell.character != "█" && state.background != cell.background
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
