import StreamzRTC
import Testing
@testable import StreamzTUI

@Suite("Render: I420 conversion, scaling and layout")
struct RenderConversionTests {
    @Test("BT.601 limited range: black, white and the primaries")
    func bt601() {
        #expect(BT601.rgb(y: 16, cb: 128, cr: 128) == RGB(0, 0, 0))
        #expect(BT601.rgb(y: 235, cb: 128, cr: 128) == RGB(255, 255, 255))
        #expect(BT601.rgb(y: 126, cb: 128, cr: 128) == RGB(128, 128, 128))
        // The standard's codes for 100% red, green and blue.
        #expect(RenderFixture.near(BT601.rgb(y: 81, cb: 90, cr: 240), RGB(255, 0, 0)))
        #expect(RenderFixture.near(BT601.rgb(y: 145, cb: 54, cr: 34), RGB(0, 255, 0)))
        #expect(RenderFixture.near(BT601.rgb(y: 41, cb: 240, cr: 110), RGB(0, 0, 255)))
        // Out-of-range codes saturate instead of wrapping.
        #expect(BT601.rgb(y: 0, cb: 128, cr: 128) == RGB(0, 0, 0))
        #expect(BT601.rgb(y: 255, cb: 128, cr: 128) == RGB(255, 255, 255))
    }

    @Test("area averaging: a 2:1 reduction averages pairs, fractional covers weigh by overlap")
    func areaAverage() {
        let half = PlaneResampler(horizontal: AreaResampler(lower: 0, upper: 4, destinationCount: 2),
                                  vertical: AreaResampler(lower: 0, upper: 1, destinationCount: 1))
        #expect(half.resample([0, 100, 200, 255], width: 4, height: 1) == [50, 227.5])
        // Three samples onto two: the middle one is split evenly.
        let thirds = PlaneResampler(horizontal: AreaResampler(lower: 0, upper: 3, destinationCount: 2),
                                    vertical: AreaResampler(lower: 0, upper: 1, destinationCount: 1))
        let out = thirds.resample([0, 90, 180], width: 3, height: 1)
        #expect(abs(out[0] - 30) < 0.01)
        #expect(abs(out[1] - 150) < 0.01)
        // Enlarging repeats samples.
        let up = PlaneResampler(horizontal: AreaResampler(lower: 0, upper: 2, destinationCount: 4),
                                vertical: AreaResampler(lower: 0, upper: 1, destinationCount: 1))
        #expect(up.resample([10, 20], width: 2, height: 1) == [10, 10, 20, 20])
    }

    @Test("resampling a short plane does not read out of bounds")
    func shortPlane() {
        let r = PlaneResampler(horizontal: AreaResampler(lower: 0, upper: 4, destinationCount: 2),
                               vertical: AreaResampler(lower: 0, upper: 4, destinationCount: 2))
        #expect(r.resample([1, 2, 3], width: 4, height: 4) == [0, 0, 0, 0])
    }

    @Test("layout: a 16:9 picture in a square pane is letterboxed, centred")
    func letterbox() {
        // 20x10 half-block cells = 20x20 square pixels; 20 * 9/16 = 11.25 -> 11 rows.
        let layout = PaneLayout(sourceWidth: 16, sourceHeight: 9, columns: 20, rows: 10, blitter: .halfBlock)
        #expect(layout.pixelWidth == 20)
        #expect(layout.pixelHeight == 20)
        #expect(layout.picture == PixelRect(x: 0, y: 4, width: 20, height: 11))
    }

    @Test("layout: a 4:3 picture in a wide pane is pillarboxed")
    func pillarbox() {
        let layout = PaneLayout(sourceWidth: 4, sourceHeight: 3, columns: 20, rows: 5, blitter: .halfBlock)
        #expect(layout.picture == PixelRect(x: 3, y: 0, width: 13, height: 10))
    }

    @Test("layout: quadrant and sextant pixels are not square")
    func pixelAspect() {
        // Quadrant pixels are twice as tall as wide: a square picture on 10x10
        // cells (20x20 pixels, 10x20 units on screen) spans 20 x 10 pixels.
        let quad = PaneLayout(sourceWidth: 100, sourceHeight: 100, columns: 10, rows: 10, blitter: .quadrant)
        #expect(quad.picture == PixelRect(x: 0, y: 5, width: 20, height: 10))
        // Sextant pixels are 3:4 (w:h): 20x30 pixels = 15x30 units; a square
        // picture is 15 units tall = 20 pixels wide, 15 pixels tall.
        let sext = PaneLayout(sourceWidth: 100, sourceHeight: 100, columns: 10, rows: 10, blitter: .sextant)
        #expect(sext.picture == PixelRect(x: 0, y: 7, width: 20, height: 15))
    }

    @Test("layout: an empty pane has no picture")
    func emptyPane() {
        let layout = PaneLayout(sourceWidth: 640, sourceHeight: 480, columns: 0, rows: 5, blitter: .halfBlock)
        #expect(layout.picture.width == 0)
        let image = RenderFixture.frame(width: 4, height: 4, color: .white).scaled(to: layout)
        #expect(image.pixels.isEmpty)
    }

    @Test("scaling an odd-sized frame keeps its colour to the edge")
    func oddSize() throws {
        let frame = RenderFixture.frame(width: 7, height: 5, color: RGB(200, 40, 90))
        let layout = PaneLayout(sourceWidth: 7, sourceHeight: 5, columns: 3, rows: 3, blitter: .halfBlock)
        let image = frame.scaled(to: layout)
        let rect = layout.picture
        for y in rect.y..<(rect.y + rect.height) {
            for x in rect.x..<(rect.x + rect.width) {
                #expect(RenderFixture.near(image[x, y], RGB(200, 40, 90), tolerance: 3))
            }
        }
    }

    @Test("scaling averages a fine stripe pattern to its mean")
    func stripesAverage() throws {
        // 8x4 luma stripes 16/235 (black/white) reduced to 4x2 pixels: grey.
        let y = (0..<32).map { $0 % 2 == 0 ? UInt8(16) : UInt8(235) }
        let chroma = [UInt8](repeating: 128, count: 8)
        let frame = try #require(I420Frame(width: 8, height: 4, y: y, u: chroma, v: chroma))
        let layout = PaneLayout(sourceWidth: 8, sourceHeight: 4, columns: 4, rows: 1, blitter: .halfBlock)
        let image = frame.scaled(to: layout)
        #expect(layout.picture == PixelRect(x: 0, y: 0, width: 4, height: 2))
        for pixel in image.pixels { #expect(RenderFixture.near(pixel, RGB(128, 128, 128), tolerance: 1)) }
    }
}
