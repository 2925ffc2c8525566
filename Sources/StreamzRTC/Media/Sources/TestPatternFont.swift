/// A 5x7 bitmap font for the test pattern's clock and frame counter: just the
/// characters those use. Each glyph is 7 rows of 5 bits, the high bit leftmost.
enum TestPatternFont {
    static let glyphWidth = 5
    static let glyphHeight = 7

    static func glyph(_ character: Character) -> [UInt8]? {
        switch character {
        case "0": [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E]
        case "1": [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E]
        case "2": [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F]
        case "3": [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E]
        case "4": [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02]
        case "5": [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E]
        case "6": [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E]
        case "7": [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08]
        case "8": [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E]
        case "9": [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C]
        case ":": [0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00]
        case ".": [0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C]
        case "#": [0x0A, 0x0A, 0x1F, 0x0A, 0x1F, 0x0A, 0x0A]
        case " ": [0, 0, 0, 0, 0, 0, 0]
        default: nil
        }
    }
}

extension I420Frame {
    /// Draws `text` with its top-left corner at (x, y), each font pixel `scale`
    /// pixels square, one blank font column between characters. Unknown characters are skipped.
    mutating func drawText(_ text: String, x: Int, y: Int, scale: Int, luma: UInt8) {
        var left = x
        for character in text {
            defer { left += (TestPatternFont.glyphWidth + 1) * scale }
            guard let rows = TestPatternFont.glyph(character) else { continue }
            for (row, bits) in rows.enumerated() {
                for column in 0..<TestPatternFont.glyphWidth where bits >> (TestPatternFont.glyphWidth - 1 - column) & 1 == 1 {
                    let px = left + column * scale, py = y + row * scale
                    fillLuma(x0: px, y0: py, x1: px + scale, y1: py + scale, luma)
                }
            }
        }
    }
}
