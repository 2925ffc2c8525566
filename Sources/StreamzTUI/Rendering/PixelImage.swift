/// An RGB picture in memory, row-major: what the renderer fits glyphs to.
public struct PixelImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [RGB]

    /// A picture of one colour.
    public init(width: Int, height: Int, fill: RGB = .black) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [RGB](repeating: fill, count: self.width * self.height)
    }

    /// A picture from its pixels; `nil` when the count does not match the size.
    public init?(width: Int, height: Int, pixels: [RGB]) {
        guard width >= 0, height >= 0, pixels.count == width * height else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at (x, y); black outside the picture, so callers need no bounds checks.
    public subscript(x: Int, y: Int) -> RGB {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .black }
            return pixels[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            pixels[y * width + x] = newValue
        }
    }
}
