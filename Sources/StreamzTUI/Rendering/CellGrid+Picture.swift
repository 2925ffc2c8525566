import Foundation

extension Blitter {
    /// Every glyph of this blitter with the pattern it draws.
    var masksByGlyph: [Character: Int] {
        Dictionary((0...fullMask).map { (glyph(forMask: $0), $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension CellGrid {
    /// The picture these cells show, on the pane's pixel grid: each pixel in
    /// its cell's foreground or background by the glyph's pattern. Monochrome
    /// cells are shown as a terminal with light ink on black would: a ramp
    /// character as its grey level, a block glyph in white on black. Used to
    /// measure how faithful a rendering is (PSNR against the scaled source).
    public func picture(options: RenderOptions) -> PixelImage {
        let blitter = options.blitter
        var image = PixelImage(width: columns * blitter.pixelColumns, height: rows * blitter.pixelRows)
        let masks = blitter.masksByGlyph
        let ramp = MonochromeStyle.rampCharacters
        for row in 0..<rows {
            for column in 0..<columns {
                let cell = self[row, column]
                var foreground = cell.foreground
                var background = cell.background
                var mask = masks[cell.character] ?? 0
                switch (options.colorMode, options.monochromeStyle) {
                case (.monochrome, .ramp):
                    let step = ramp.firstIndex(of: cell.character) ?? 0
                    let level = UInt8(min(255, (step * 256 + 128) / ramp.count))
                    background = RGB(level, level, level)
                    mask = 0
                case (.monochrome, .blocks):
                    foreground = .white
                    background = .black
                default:
                    break
                }
                for py in 0..<blitter.pixelRows {
                    for px in 0..<blitter.pixelColumns {
                        let bit = 1 << (py * blitter.pixelColumns + px)
                        image[column * blitter.pixelColumns + px, row * blitter.pixelRows + py] =
                            mask & bit != 0 ? foreground : background
                    }
                }
            }
        }
        return image
    }
}

extension PixelImage {
    /// Peak signal-to-noise ratio against `reference` in dB over all three
    /// channels (infinite for identical pictures, `nil` for different sizes).
    public func psnr(against reference: PixelImage) -> Double? {
        guard width == reference.width, height == reference.height, !pixels.isEmpty else { return nil }
        var sum = 0.0
        for (a, b) in zip(pixels, reference.pixels) {
            let dr = Double(a.r) - Double(b.r)
            let dg = Double(a.g) - Double(b.g)
            let db = Double(a.b) - Double(b.b)
            sum += dr * dr + dg * dg + db * db
        }
        let mse = sum / Double(pixels.count * 3)
        guard mse > 0 else { return .infinity }
        return 10 * log10(255 * 255 / mse)
    }
}
