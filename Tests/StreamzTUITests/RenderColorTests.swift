import Testing
@testable import StreamzTUI

@Suite("Render: colour modes, palettes and detection")
struct RenderColorTests {
    typealias F = RenderFixture

    @Test("detection from environment values")
    func detect() {
        #expect(ColorMode.detect(environment: ["COLORTERM": "truecolor", "TERM": "xterm-256color"]) == .truecolor)
        #expect(ColorMode.detect(environment: ["COLORTERM": "24bit", "TERM": "xterm"]) == .truecolor)
        #expect(ColorMode.detect(environment: ["TERM": "xterm-direct"]) == .truecolor)
        #expect(ColorMode.detect(environment: ["TERM": "tmux-256color"]) == .palette256)
        #expect(ColorMode.detect(environment: ["COLORTERM": "yes", "TERM": "screen-256color"]) == .palette256)
        #expect(ColorMode.detect(environment: ["TERM": "xterm"]) == .ansi16)
        #expect(ColorMode.detect(environment: ["TERM": "dumb"]) == .monochrome)
        #expect(ColorMode.detect(environment: [:]) == .monochrome)
        // NO_COLOR wins when set to anything but the empty string (no-color.org).
        #expect(ColorMode.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]) == .monochrome)
        #expect(ColorMode.detect(environment: ["NO_COLOR": "", "COLORTERM": "truecolor"]) == .truecolor)
    }

    @Test("modes step down and up in order")
    func steps() {
        #expect(ColorMode.truecolor.poorer == .palette256)
        #expect(ColorMode.palette256.poorer == .ansi16)
        #expect(ColorMode.ansi16.poorer == .monochrome)
        #expect(ColorMode.monochrome.poorer == nil)
        #expect(ColorMode.monochrome.richer == .ansi16)
        #expect(ColorMode.truecolor.richer == nil)
    }

    @Test("the 256-colour palette is the cube and the greys")
    func palette256() {
        let p = TerminalPalette.xterm256
        #expect(p.entries.count == 240)
        #expect(p.entries.first == TerminalPalette.Entry(code: 16, rgb: RGB(0, 0, 0)))
        #expect(p.entries[196 - 16] == TerminalPalette.Entry(code: 196, rgb: RGB(255, 0, 0)))
        #expect(p.entries.last == TerminalPalette.Entry(code: 255, rgb: RGB(238, 238, 238)))
    }

    @Test("256-colour nearest picks of known colours", arguments: [
        (RGB(255, 0, 0), UInt8(196)),
        (RGB(250, 5, 5), UInt8(196)),
        (RGB(0, 0, 0), UInt8(16)),
        (RGB(255, 255, 255), UInt8(231)),
        (RGB(128, 128, 128), UInt8(244)),  // grey 8 + 10 * 12
        (RGB(12, 12, 12), UInt8(232)),     // nearer grey 8 than black
        (RGB(95, 135, 175), UInt8(67)),    // exactly 16 + 36 + 12 + 3
        (RGB(0, 95, 0), UInt8(22)),
        (RGB(255, 135, 0), UInt8(208)),
    ])
    func nearest256(color: RGB, code: UInt8) {
        var q = ColorQuantizer(palette: .xterm256)
        let pick = q.nearest(color)
        #expect(TerminalPalette.xterm256.code(for: pick) == code)
        #expect(TerminalPalette.xterm256.code(for: color) == code)
    }

    @Test("16-colour nearest picks")
    func nearest16() {
        var q = ColorQuantizer(palette: .ansi16)
        #expect(q.nearest(RGB(255, 0, 0)) == RGB(255, 0, 0))
        #expect(q.nearest(RGB(190, 10, 10)) == RGB(205, 0, 0))
        #expect(q.nearest(RGB(20, 20, 20)) == RGB(0, 0, 0))
        #expect(q.nearest(RGB(120, 125, 130)) == RGB(127, 127, 127))
        #expect(TerminalPalette.ansi16.code(for: RGB(255, 255, 0)) == 11)
    }

    @Test("the quantizer caches answers and drops the cache at its limit")
    func cache() {
        var q = ColorQuantizer(palette: .xterm256, cacheLimit: 3)
        _ = q.nearest(RGB(1, 2, 3))
        _ = q.nearest(RGB(1, 2, 3))
        #expect(q.cachedCount == 1)
        _ = q.nearest(RGB(4, 5, 6))
        _ = q.nearest(RGB(7, 8, 9))
        #expect(q.cachedCount == 3)
        _ = q.nearest(RGB(10, 11, 12))
        #expect(q.cachedCount == 1)
    }

    private func render(_ image: PixelImage, mode: ColorMode, style: MonochromeStyle = .ramp,
                        dithering: Bool = false) -> CellGrid {
        var renderer = FrameRenderer(options: RenderOptions(blitter: .halfBlock, colorMode: mode,
                                                            dithering: dithering, monochromeStyle: style))
        return renderer.render(image: image, columns: image.width, rows: image.height / 2)
    }

    @Test("each mode's fallback for an orange over navy split")
    func fallbacks() {
        let orange = RGB(250, 130, 10), navy = RGB(10, 20, 110)
        let image = F.image(width: 1, height: 2) { _, y in y == 0 ? orange : navy }
        #expect(render(image, mode: .truecolor).cells == [F.cell("▀", orange, navy)])
        // 256: orange -> 208 (255,135,0); navy -> 18 (0,0,135), nearer in
        // OKLab than the darker 17 (0,0,95).
        #expect(render(image, mode: .palette256).cells == [F.cell("▀", RGB(255, 135, 0), RGB(0, 0, 135))])
        // 16: orange -> yellow (205,205,0) or red; navy -> blue (0,0,238) or black.
        let sixteen = render(image, mode: .ansi16).cells[0]
        #expect(TerminalPalette.ansi16.entries.contains { $0.rgb == sixteen.foreground })
        #expect(TerminalPalette.ansi16.entries.contains { $0.rgb == sixteen.background })
        #expect(sixteen.foreground != sixteen.background)
        // Monochrome ramp: the mean luma of the cell, (152 + 27) / 2 = 89,
        // is step 89 * 10 / 256 = 3 of the ramp, in default colours.
        let mono = render(image, mode: .monochrome).cells[0]
        #expect(mono.character == "-")
        #expect(mono.foreground == Cell.blank.foreground && mono.background == Cell.blank.background)
    }

    @Test("a 256-colour fallback that merges both colours becomes one space")
    func mergedColours() {
        let image = F.image(width: 1, height: 2) { _, y in y == 0 ? RGB(250, 2, 2) : RGB(245, 8, 4) }
        #expect(render(image, mode: .palette256).cells == [F.solid(RGB(255, 0, 0))])
    }

    @Test("monochrome ramp runs from space to @")
    func ramp() {
        let image = F.image(width: 3, height: 2) { x, _ in [F.black, RGB(128, 128, 128), F.white][x] }
        #expect(render(image, mode: .monochrome).text == [" +@"])
    }

    @Test("monochrome blocks draw the bright pixels as ink")
    func monoBlocks() {
        let image = F.image(width: 3, height: 2) { x, y in
            [[F.white, F.black, F.white], [F.black, F.white, F.white]][y][x]
        }
        #expect(render(image, mode: .monochrome, style: .blocks).text == ["▀▄█"])
    }

    @Test("Bayer dithering turns a flat in-between grey into a fixed pattern of two palette greys")
    func dithering() {
        // 133 lies between the 256-colour greys 128 and 138.
        let grey = RGB(133, 133, 133)
        let image = F.image(width: 8, height: 8) { _, _ in grey }
        let plain = render(image, mode: .palette256)
        #expect(Set(plain.cells.map(\.background)).count == 1)
        let dithered = render(image, mode: .palette256, dithering: true)
        let used = Set(dithered.cells.flatMap { [$0.foreground, $0.background] })
        #expect(used.count >= 2)
        for color in used { #expect(TerminalPalette.xterm256.entries.contains { $0.rgb == color }) }
        // The thresholds are balanced, so the pattern's mean stays near 133
        // (undithered it is 128 everywhere).
        let shown = dithered.picture(options: RenderOptions(colorMode: .palette256)).pixels
        let mean = Double(shown.reduce(0) { $0 + Int($1.g) }) / Double(shown.count)
        #expect(abs(mean - 133) < 2)
        // Same input, same output: ordered dithering does not flicker.
        #expect(render(image, mode: .palette256, dithering: true) == dithered)
        // Dithering leaves truecolor alone.
        #expect(render(image, mode: .truecolor, dithering: true) == render(image, mode: .truecolor))
    }
}
