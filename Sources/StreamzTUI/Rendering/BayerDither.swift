/// Ordered dithering with the 4x4 Bayer matrix: before a colour is snapped to
/// the palette it is nudged by a threshold that depends only on its position,
/// so flat gradients break into a fixed, flicker-free pattern instead of
/// bands. (Error diffusion would move from frame to frame and make every
/// cell "change", defeating the diff.)
enum BayerDither {
    private static let matrix: [Int] = [
        0, 8, 2, 10,
        12, 4, 14, 6,
        3, 11, 1, 9,
        15, 7, 13, 5,
    ]

    /// How far a colour may be pushed: about half a step between neighbouring
    /// palette levels (the 256-colour cube steps by 40, the 16 colours by ~128).
    static func spread(for mode: ColorMode) -> Float {
        switch mode {
        case .palette256: 40
        case .ansi16: 128
        case .truecolor, .monochrome: 0
        }
    }

    /// `color` offset by the threshold at (x, y), in -spread/2 ..< spread/2;
    /// `inverted` uses the complementary threshold (15 - m), so a cell's two
    /// colours are pushed in opposite directions and its mean is kept.
    static func apply(_ color: RGB, x: Int, y: Int, spread: Float, inverted: Bool = false) -> RGB {
        guard spread > 0 else { return color }
        let level = matrix[(y & 3) * 4 + (x & 3)]
        let threshold = inverted ? 15 - level : level
        let offset = (Float(threshold) + 0.5) / 16 * spread - spread / 2
        return RGB(nudge(color.r, offset), nudge(color.g, offset), nudge(color.b, offset))
    }

    private static func nudge(_ value: UInt8, _ offset: Float) -> UInt8 {
        BT601.clamp(Float(value) + offset)
    }
}
