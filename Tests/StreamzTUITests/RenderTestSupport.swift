import StreamzRTC
@testable import StreamzTUI

/// Builders for the small synthetic pictures the rendering tests draw.
enum RenderFixture {
    static let red = RGB(255, 0, 0)
    static let blue = RGB(0, 0, 255)
    static let white = RGB(255, 255, 255)
    static let black = RGB(0, 0, 0)

    /// A picture whose pixel (x, y) is `color(x, y)`.
    static func image(width: Int, height: Int, _ color: (Int, Int) -> RGB) -> PixelImage {
        var image = PixelImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image[x, y] = color(x, y) }
        }
        return image
    }

    /// An I420 frame of one colour given in RGB (converted with the BT.601
    /// limited-range forward matrix, so it round-trips through the renderer).
    static func frame(width: Int, height: Int, color: RGB) -> I420Frame {
        let (y, cb, cr) = ycbcr(color)
        return I420Frame(width: width, height: height, luma: y, cb: cb, cr: cr)
    }

    static func ycbcr(_ c: RGB) -> (UInt8, UInt8, UInt8) {
        let r = Double(c.r), g = Double(c.g), b = Double(c.b)
        let y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
        let cb = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255
        let cr = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255
        func byte(_ v: Double) -> UInt8 { UInt8(min(255, max(0, v.rounded()))) }
        return (byte(y), byte(cb), byte(cr))
    }

    /// True when every component differs by at most `tolerance`.
    static func near(_ a: RGB, _ b: RGB, tolerance: Int = 2) -> Bool {
        abs(Int(a.r) - Int(b.r)) <= tolerance && abs(Int(a.g) - Int(b.g)) <= tolerance
            && abs(Int(a.b) - Int(b.b)) <= tolerance
    }

    static func cell(_ character: Character, _ fg: RGB, _ bg: RGB) -> Cell {
        Cell(character: character, foreground: fg, background: bg)
    }

    /// A uniform cell in the renderer's canonical form.
    static func solid(_ color: RGB) -> Cell { cell(" ", color, color) }
}
