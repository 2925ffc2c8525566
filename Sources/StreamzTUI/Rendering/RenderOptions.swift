/// How the monitor wants its video drawn.
public struct RenderOptions: Equatable, Sendable {
    public var blitter: Blitter
    public var colorMode: ColorMode
    /// Ordered (Bayer 4x4) dithering before snapping to a 256/16-colour palette.
    public var dithering: Bool
    public var monochromeStyle: MonochromeStyle
    /// A cell's width over its height on screen.
    public var cellAspect: Double

    public init(blitter: Blitter = .halfBlock, colorMode: ColorMode = .truecolor, dithering: Bool = false,
                monochromeStyle: MonochromeStyle = .ramp, cellAspect: Double = 0.5) {
        self.blitter = blitter
        self.colorMode = colorMode
        self.dithering = dithering
        self.monochromeStyle = monochromeStyle
        self.cellAspect = cellAspect
    }
}

/// What monochrome mode draws, in the terminal's default colours.
public enum MonochromeStyle: String, CaseIterable, Equatable, Sendable {
    /// One character per cell from a ramp of increasing ink, by mean luminance.
    case ramp
    /// The blitter's glyph for the cell's pixels brighter than mid-grey
    /// (assumes light ink on a dark background).
    case blocks

    /// Characters with increasing ink, dark to light.
    static let rampCharacters: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
}
