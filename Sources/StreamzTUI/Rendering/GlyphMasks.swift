/// A blitter's glyphs mapped back to their pixel masks, looked up by the
/// glyph's single Unicode scalar in a sorted table: the pane writer asks for
/// several masks per cell per frame, and hashing a `Character` (a string)
/// cost more than the rest of the comparison.
struct GlyphMasks: Sendable {
    private let scalars: [UInt32]
    private let masks: [Int]

    init(_ blitter: Blitter) {
        let pairs = blitter.masksByGlyph.compactMap { glyph, mask in
            glyph.unicodeScalars.count == 1 ? glyph.unicodeScalars.first.map { ($0.value, mask) } : nil
        }.sorted { $0.0 < $1.0 }
        scalars = pairs.map(\.0)
        masks = pairs.map(\.1)
    }

    /// The mask of `character`, or nil when the blitter does not draw it.
    subscript(character: Character) -> Int? {
        let unicodeScalars = character.unicodeScalars
        guard let scalar = unicodeScalars.first?.value,
              unicodeScalars.index(after: unicodeScalars.startIndex) == unicodeScalars.endIndex
        else { return nil }
        var low = 0, high = scalars.count
        while low < high {
            let middle = (low + high) / 2
            if scalars[middle] < scalar { low = middle + 1 } else { high = middle }
        }
        return low < scalars.count && scalars[low] == scalar ? masks[low] : nil
    }
}
