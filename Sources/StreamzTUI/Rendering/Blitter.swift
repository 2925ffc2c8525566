/// How a cell is divided into pixels, and which glyph draws each pattern.
///
/// A pattern ("mask") has one bit per pixel of the cell, row-major from the
/// top-left: bit (row * pixelColumns + column) is set when that pixel takes
/// the foreground colour.
public enum Blitter: String, CaseIterable, Equatable, Sendable {
    /// ▀ and ▄: 1x2 pixels per cell, square pixels (the default).
    case halfBlock
    /// The 16 quadrant glyphs: 2x2 pixels per cell, pixels twice as tall as wide.
    case quadrant
    /// Unicode 13 sextants (U+1FB00...): 2x3 pixels per cell.
    case sextant

    public var pixelColumns: Int {
        switch self {
        case .halfBlock: 1
        case .quadrant, .sextant: 2
        }
    }

    public var pixelRows: Int {
        switch self {
        case .halfBlock, .quadrant: 2
        case .sextant: 3
        }
    }

    var pixelsPerCell: Int { pixelColumns * pixelRows }
    var fullMask: Int { (1 << pixelsPerCell) - 1 }

    /// The glyph whose ink covers exactly the pixels of `mask` (any mask of
    /// this blitter, including empty and full).
    public func glyph(forMask mask: Int) -> Character {
        let m = mask & fullMask
        if m == 0 { return " " }
        if m == fullMask { return "█" }
        switch self {
        case .halfBlock:
            return m == 1 ? "▀" : "▄"
        case .quadrant:
            return Blitter.quadrantGlyphs[m]
        case .sextant:
            return Blitter.sextantGlyph(m)
        }
    }

    /// Indexed by mask: bit 0 upper-left, 1 upper-right, 2 lower-left, 3 lower-right.
    private static let quadrantGlyphs: [Character] = [
        " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
    ]

    /// Unicode 13 assigns U+1FB00...U+1FB3B to the sextant patterns in
    /// increasing bit order (cell positions 1-6 = bits 0-5), leaving out the
    /// four that already had glyphs: empty, full, left half (▌, positions 1,3,5)
    /// and right half (▐, positions 2,4,6).
    private static func sextantGlyph(_ m: Int) -> Character {
        let leftHalf = 0b010101
        let rightHalf = 0b101010
        if m == leftHalf { return "▌" }
        if m == rightHalf { return "▐" }
        var offset = m - 1
        if m > leftHalf { offset -= 1 }
        if m > rightHalf { offset -= 1 }
        return Character(Unicode.Scalar(UInt32(0x1FB00 + offset)) ?? " ")
    }

    /// The masks the colour fit tries: every way of splitting the cell's pixels
    /// in two, counted once (a mask and its complement draw the same picture
    /// with the colours swapped, so only masks containing pixel 0 are kept; the
    /// full mask is left out because a split never fits worse than no split).
    var partitionMasks: [Int] {
        stride(from: 1, to: fullMask, by: 2).map { $0 }
    }
}
