import StreamzRTC
import Testing
@testable import StreamzTUI

@Suite("Render: degenerate sizes and garbage input")
struct RenderEdgeCaseTests {
    typealias F = RenderFixture

    @Test("empty and negative panes give empty grids and no bytes")
    func emptyPanes() {
        var renderer = FrameRenderer()
        let frame = F.frame(width: 32, height: 18, color: F.red)
        for (columns, rows) in [(0, 0), (0, 10), (10, 0), (-3, 5), (5, -1)] {
            let grid = renderer.render(frame, columns: columns, rows: rows)
            #expect(grid.cells.isEmpty)
            var writer = PaneWriter()
            #expect(writer.write(grid, at: PaneOrigin(row: 0, column: 0), colorMode: .truecolor).isEmpty)
        }
    }

    @Test("a 1x1 frame fills a square pane")
    func tinyFrame() {
        var renderer = FrameRenderer()
        let grid = renderer.render(F.frame(width: 1, height: 1, color: F.white), columns: 6, rows: 3)
        #expect(grid.cells.allSatisfy { $0 == F.solid(F.white) })
    }

    @Test("an extreme aspect ratio still gets at least one pixel row")
    func extremeAspect() {
        let layout = PaneLayout(sourceWidth: 10_000, sourceHeight: 1, columns: 10, rows: 10, blitter: .halfBlock)
        #expect(layout.picture.height == 1 && layout.picture.width == 10)
        let tall = PaneLayout(sourceWidth: 1, sourceHeight: 10_000, columns: 10, rows: 10, blitter: .sextant)
        #expect(tall.picture.width == 1 && tall.picture.height == 30)
    }

    @Test("a frame whose planes were truncated after construction does not crash")
    func truncatedPlanes() {
        var frame = F.frame(width: 16, height: 16, color: F.white)
        frame.y.removeLast(5)
        frame.u = []
        var renderer = FrameRenderer()
        let grid = renderer.render(frame, columns: 8, rows: 4)
        #expect(grid.cells.count == 32)
    }

    @Test("pixel buffers of the wrong size are refused")
    func badImage() {
        #expect(PixelImage(width: 2, height: 2, pixels: [F.red]) == nil)
        #expect(PixelImage(width: -1, height: 2, pixels: []) == nil)
        #expect(PixelImage(width: 1, height: 1, pixels: [F.red]) != nil)
        var image = PixelImage(width: 2, height: 2)
        image[5, 5] = F.red
        #expect(image[5, 5] == F.black)
        #expect(image.pixels.allSatisfy { $0 == F.black })
    }

    @Test("random frames render in every blitter and mode with only that blitter's glyphs",
          arguments: Blitter.allCases)
    func randomFrames(blitter: Blitter) throws {
        var seed: UInt32 = 0xC0FFEE
        func byte() -> UInt8 {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: seed >> 24)
        }
        let (w, h) = (37, 23)
        let chroma = ((w + 1) / 2) * ((h + 1) / 2)
        let frame = try #require(I420Frame(width: w, height: h, y: (0..<w * h).map { _ in byte() },
                                           u: (0..<chroma).map { _ in byte() }, v: (0..<chroma).map { _ in byte() }))
        let glyphs = Set(blitter.masksByGlyph.keys).union(MonochromeStyle.rampCharacters)
        for mode in ColorMode.allCases {
            for dithering in [false, true] {
                var renderer = FrameRenderer(options: RenderOptions(blitter: blitter, colorMode: mode, dithering: dithering))
                let grid = renderer.render(frame, columns: 13, rows: 7)
                #expect(grid.cells.count == 91)
                #expect(grid.cells.allSatisfy { glyphs.contains($0.character) })
                var writer = PaneWriter()
                let bytes = writer.write(grid, at: PaneOrigin(row: 1, column: 1), colorMode: mode)
                #expect(!bytes.isEmpty)
                #expect(String(validating: bytes, as: UTF8.self) != nil)
            }
        }
    }
}
