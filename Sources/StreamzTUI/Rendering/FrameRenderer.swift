import StreamzRTC

/// Turns decoded frames into cell grids: scale into the pane, fit a glyph and
/// two colours to every cell, then reduce the colours to what the terminal
/// can show. Pure: no terminal here, only memory in and memory out.
public struct FrameRenderer: Sendable {
    public var options: RenderOptions
    private var palette256 = ColorQuantizer(palette: .xterm256)
    private var palette16 = ColorQuantizer(palette: .ansi16)

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    /// The layout a frame of this size gets in a pane of `columns` x `rows`.
    public func layout(for frame: I420Frame, columns: Int, rows: Int) -> PaneLayout {
        PaneLayout(sourceWidth: frame.width, sourceHeight: frame.height, columns: columns, rows: rows,
                   blitter: options.blitter, cellAspect: options.cellAspect)
    }

    /// The frame drawn into a pane of `columns` x `rows` cells.
    public mutating func render(_ frame: I420Frame, columns: Int, rows: Int) -> CellGrid {
        let image = frame.scaled(to: layout(for: frame, columns: columns, rows: rows))
        return render(image: image, columns: columns, rows: rows)
    }

    /// A picture already on the pane's pixel grid (cell (r, c) covers pixels
    /// from (c * pixelColumns, r * pixelRows)) drawn into cells.
    public mutating func render(image: PixelImage, columns: Int, rows: Int) -> CellGrid {
        var grid = CellGrid(columns: columns, rows: rows)
        let blitter = options.blitter
        var pixels = [RGB](repeating: .black, count: blitter.pixelsPerCell)
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                for py in 0..<blitter.pixelRows {
                    for px in 0..<blitter.pixelColumns {
                        pixels[py * blitter.pixelColumns + px] =
                            image[column * blitter.pixelColumns + px, row * blitter.pixelRows + py]
                    }
                }
                grid[row, column] = cell(for: pixels, row: row, column: column)
            }
        }
        return grid
    }

    private mutating func cell(for pixels: [RGB], row: Int, column: Int) -> Cell {
        let blitter = options.blitter
        guard options.colorMode != .monochrome else { return monochromeCell(for: pixels) }
        let fit = blitter.fit(pixels)
        // The cell's position picks the threshold; the foreground takes the
        // complementary one, so a flat in-between colour comes out as two
        // palette colours whose mean is close to it.
        let foreground = quantize(fit.foreground, x: column, y: row, inverted: true)
        let background = quantize(fit.background, x: column, y: row, inverted: false)
        if foreground == background {
            // One colour: a space in the background colour is the canonical
            // form, so equal-looking cells compare equal in the diff.
            return Cell(character: " ", foreground: background, background: background)
        }
        return Cell(character: blitter.glyph(forMask: fit.mask), foreground: foreground, background: background)
    }

    private mutating func quantize(_ color: RGB, x: Int, y: Int, inverted: Bool) -> RGB {
        let mode = options.colorMode
        let input = options.dithering
            ? BayerDither.apply(color, x: x, y: y, spread: BayerDither.spread(for: mode), inverted: inverted) : color
        switch mode {
        case .palette256: return palette256.nearest(input)
        case .ansi16: return palette16.nearest(input)
        case .truecolor, .monochrome: return input
        }
    }

    private func monochromeCell(for pixels: [RGB]) -> Cell {
        let blank = Cell.blank
        switch options.monochromeStyle {
        case .ramp:
            let luma = pixels.reduce(0) { $0 + FrameRenderer.luma($1) } / max(1, pixels.count)
            let ramp = MonochromeStyle.rampCharacters
            let index = min(ramp.count - 1, luma * ramp.count / 256)
            return Cell(character: ramp[index], foreground: blank.foreground, background: blank.background)
        case .blocks:
            var mask = 0
            for (i, pixel) in pixels.enumerated() where FrameRenderer.luma(pixel) >= 128 { mask |= 1 << i }
            return Cell(character: options.blitter.glyph(forMask: mask), foreground: blank.foreground, background: blank.background)
        }
    }

    /// BT.601 luma weights on 0...255 components (integer, rounded).
    static func luma(_ c: RGB) -> Int {
        (299 * Int(c.r) + 587 * Int(c.g) + 114 * Int(c.b) + 500) / 1000
    }
}
