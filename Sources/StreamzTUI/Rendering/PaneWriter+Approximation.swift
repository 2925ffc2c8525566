/// The error-bounded side of the pane writer: when a cell may be left as it
/// is, and how to draw a cell in the fewest bytes while every pixel it shows
/// stays within a bound of the pixel wanted.
///
/// Cells are compared as pictures, through the blitter's glyph patterns, not
/// as (glyph, colours) triples: `▀` red-on-blue and `▄` blue-on-red are the
/// same picture, and a space shows no foreground. The bound is a Euclidean
/// distance in RGB, the space PSNR is measured in, so a bound of `t` caps
/// every pixel's squared error at `t²`.
extension PaneWriter {
    /// Whether every pixel of `shown` is within √`bound` of the same pixel of
    /// `wanted` (`bound` is a squared distance; 0 means identical cells).
    func within(_ shown: Cell, _ wanted: Cell, bound: Int) -> Bool {
        // Masks first: comparing `Character`s directly normalises strings.
        if let s = masks[shown.character], let w = masks[wanted.character] {
            if s == w, shown.foreground == wanted.foreground, shown.background == wanted.background { return true }
            guard bound > 0 else { return false }
            return within(s, shown.foreground, shown.background, w, wanted.foreground, wanted.background, bound: bound)
        }
        if shown == wanted { return true }
        guard bound > 0 else { return false }
        // A glyph this blitter does not draw (a monochrome ramp character):
        // only the same glyph can look the same, and then foreground compares
        // with foreground, background with background.
        return shown.character == wanted.character
            && Self.distanceSquared(shown.foreground, wanted.foreground) <= bound
            && Self.distanceSquared(shown.background, wanted.background) <= bound
    }

    /// The largest squared distance between a pixel `shown` shows and the
    /// same pixel of `wanted`, read through the glyph patterns; nil when a
    /// glyph is not one this blitter draws.
    func largestDistanceSquared(_ shown: Cell, _ wanted: Cell) -> Int? {
        guard let s = masks[shown.character], let w = masks[wanted.character] else { return nil }
        let full = blitter.fullMask
        var largest = 0
        if s & w != 0 { largest = max(largest, Self.distanceSquared(shown.foreground, wanted.foreground)) }
        if s & ~w & full != 0 { largest = max(largest, Self.distanceSquared(shown.foreground, wanted.background)) }
        if ~s & w & full != 0 { largest = max(largest, Self.distanceSquared(shown.background, wanted.foreground)) }
        if ~s & ~w & full != 0 { largest = max(largest, Self.distanceSquared(shown.background, wanted.background)) }
        return largest
    }

    /// `within` on glyph patterns: each of the four ways a pixel can pair
    /// the two cells' colours is checked when some pixel does.
    func within(_ shownMask: Int, _ shownForeground: RGB, _ shownBackground: RGB,
                _ wantedMask: Int, _ wantedForeground: RGB, _ wantedBackground: RGB, bound: Int) -> Bool {
        let full = blitter.fullMask
        if shownMask & wantedMask != 0, Self.distanceSquared(shownForeground, wantedForeground) > bound { return false }
        if shownMask & ~wantedMask & full != 0, Self.distanceSquared(shownForeground, wantedBackground) > bound { return false }
        if ~shownMask & wantedMask & full != 0, Self.distanceSquared(shownBackground, wantedForeground) > bound { return false }
        if ~shownMask & ~wantedMask & full != 0, Self.distanceSquared(shownBackground, wantedBackground) > bound { return false }
        return true
    }

    /// The cell that draws `wanted` within √`bound` a pixel in the fewest
    /// bytes, given the colours the terminal has set: `wanted` itself, its
    /// glyph's complement with the colours swapped, one colour only (a space
    /// or a full block: one colour code instead of two), each with colours
    /// already set standing in for close ones. Ties keep `wanted`.
    func cheapest(_ wanted: Cell, mode: ColorMode, state: TerminalState, bound: Int) -> Cell {
        guard let wantedMask = masks[wanted.character] else { return wanted }
        let full = blitter.fullMask
        var best = (mask: wantedMask, foreground: wanted.foreground, background: wanted.background)
        var bestCost = cost(mask: wantedMask, wanted.foreground, wanted.background, mode: mode, state: state)
        func consider(_ mask: Int, _ foreground: RGB, _ background: RGB) {
            guard within(mask, foreground, background, wantedMask, wanted.foreground, wanted.background, bound: bound)
            else { return }
            let candidateCost = cost(mask: mask, foreground, background, mode: mode, state: state)
            if candidateCost < bestCost {
                best = (mask, foreground, background)
                bestCost = candidateCost
            }
        }
        let pen = (state.foreground, state.background)
        for (mask, foreground, background) in [(wantedMask, wanted.foreground, wanted.background),
                                               (full ^ wantedMask, wanted.background, wanted.foreground)] {
            if mask != wantedMask { consider(mask, foreground, background) }
            if let f = pen.0 { consider(mask, f, background) }
            if let b = pen.1 { consider(mask, foreground, b) }
            if let f = pen.0, let b = pen.1 { consider(mask, f, b) }
        }
        // In truecolor any colour can be sent, so the two colours' mean
        // (weighted by the pixels each covers) is the best single colour and
        // is tried first. Palette modes keep to colours that are already
        // palette entries.
        var singles: [RGB] = []
        if mode == .truecolor {
            singles.append(Self.mean(wanted.foreground, wantedMask.nonzeroBitCount,
                                     wanted.background, blitter.pixelsPerCell - wantedMask.nonzeroBitCount))
        }
        singles += [wanted.foreground, wanted.background]
        if let f = pen.0 { singles.append(f) }
        if let b = pen.1 { singles.append(b) }
        for color in singles {
            // A space's foreground and a full block's background are not
            // shown: keep the terminal's, so they cost nothing.
            consider(0, pen.0 ?? color, color)
            consider(full, color, pen.1 ?? color)
        }
        if best.mask == wantedMask, best.foreground == wanted.foreground, best.background == wanted.background {
            return wanted
        }
        return Cell(character: glyphs[best.mask], foreground: best.foreground, background: best.background)
    }

    /// Fills the gap between the cursor and `column` on the same row by
    /// redrawing the skipped cells with the colours already set, when that
    /// is within the bound and takes no more bytes than the cursor move
    /// (CUF, 3-5 bytes) it replaces. Returns whether it did.
    func fillGap(before column: Int, row: Int, grid: CellGrid, mode: ColorMode, onScreen: inout CellGrid,
                 state: inout TerminalState, bound: Int, into out: inout [UInt8]) -> Bool {
        guard let cursor = state.cursor, cursor.row == row, cursor.column < column, !state.needsReset else { return false }
        let gap = column - cursor.column
        let moveCost = gap == 1 ? 3 : 3 + EscapeSequence.decimalLength(gap)
        var cells: [Cell] = []
        var bytes = 0
        for c in cursor.column..<column {
            let drawn = cheapest(grid[row, c], mode: mode, state: state, bound: bound)
            let (foreground, background) = Self.needs(drawn, state)
            bytes += drawn.character.utf8.count
            guard !foreground, !background, bytes <= moveCost else { return false }
            cells.append(drawn)
        }
        for (offset, cell) in cells.enumerated() {
            out.append(contentsOf: cell.character.utf8)
            onScreen[row, cursor.column + offset] = cell
        }
        state.cursor = (row, column)
        return true
    }

    /// Bytes to draw the cell of glyph pattern `mask` and these colours at
    /// the cursor: its colour codes (only those that differ from the
    /// terminal's) and its glyph.
    func cost(mask: Int, _ foreground: RGB, _ background: RGB, mode: ColorMode, state: TerminalState) -> Int {
        var bytes = mask == 0 ? 1 : glyphs[mask].utf8.count
        guard mode != .monochrome else { return bytes }
        // As `needs`: a space shows no foreground, a full block no background.
        let needsForeground = mask != 0 && state.foreground != foreground
        let needsBackground = mask != blitter.fullMask && state.background != background
        guard needsForeground || needsBackground || state.needsReset else { return bytes }
        var parameters = 0
        bytes += 3  // ESC [ … m
        if state.needsReset {
            bytes += 1
            parameters += 1
        }
        if needsForeground {
            bytes += SGRColor.parameterLength(for: foreground, background: false, mode: mode)
            parameters += 1
        }
        if needsBackground {
            bytes += SGRColor.parameterLength(for: background, background: true, mode: mode)
            parameters += 1
        }
        return bytes + parameters - 1
    }

    @inline(__always)
    static func distanceSquared(_ a: RGB, _ b: RGB) -> Int {
        let r = Int(a.r) - Int(b.r), g = Int(a.g) - Int(b.g), b = Int(a.b) - Int(b.b)
        return r * r + g * g + b * b
    }

    static func mean(_ a: RGB, _ aCount: Int, _ b: RGB, _ bCount: Int) -> RGB {
        let n = max(1, aCount + bCount)
        func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Int(x) * aCount + Int(y) * bCount + n / 2) / n)
        }
        return RGB(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b))
    }

    /// `wanted` moved `motionLead` frames further the way it moved since
    /// `last`, by at most `ahead` in RGB distance, when it moved the same way
    /// from `earlier` to `last` (a steady motion, not noise, which changes
    /// direction from frame to frame). A glyph change is not a motion.
    func leading(_ wanted: Cell, from last: Cell, earlier: Cell, ahead: Int) -> Cell {
        guard wanted.character == last.character, last.character == earlier.character, ahead > 0 else { return wanted }
        var aim = wanted
        aim.foreground = lead(wanted.foreground, last.foreground, earlier.foreground, ahead: ahead)
        aim.background = lead(wanted.background, last.background, earlier.background, ahead: ahead)
        return aim
    }

    private func lead(_ now: RGB, _ before: RGB, _ earlier: RGB, ahead: Int) -> RGB {
        let step = [Int(now.r) - Int(before.r), Int(now.g) - Int(before.g), Int(now.b) - Int(before.b)]
        let previous = [Int(before.r) - Int(earlier.r), Int(before.g) - Int(earlier.g), Int(before.b) - Int(earlier.b)]
        let stepLength = step.reduce(0) { $0 + $1 * $1 }
        let agreement = zip(step, previous).reduce(0) { $0 + $1.0 * $1.1 }
        // The earlier step, projected on this one, covers at least half of it.
        guard stepLength > 0, 2 * agreement >= stepLength else { return now }
        var move = step.map { $0 * motionLead }
        let length = Double(stepLength * motionLead * motionLead).squareRoot()
        if length > Double(ahead) {
            let scale = Double(ahead) / length
            move = move.map { Int((Double($0) * scale).rounded(.towardZero)) }
        }
        func clamp(_ v: Int) -> UInt8 { UInt8(min(255, max(0, v))) }
        return RGB(clamp(Int(now.r) + move[0]), clamp(Int(now.g) + move[1]), clamp(Int(now.b) + move[2]))
    }
}
