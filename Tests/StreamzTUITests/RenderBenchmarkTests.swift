import StreamzRTC
import Testing
@testable import StreamzTUI

@Suite("Render: benchmark figures, cell pictures and PSNR")
struct RenderBenchmarkTests {
    typealias F = RenderFixture

    /// A clock that advances 1 ms every time it is read.
    final class FakeClock: @unchecked Sendable {
        var ticks: Int64 = 0
        func now() -> Instant {
            ticks += 1
            return Instant(nanoseconds: ticks * 1_000_000)
        }
    }

    @Test("PSNR: identical pictures are infinite, a known error gives the known figure, sizes must match")
    func psnr() throws {
        let a = PixelImage(width: 2, height: 2, fill: RGB(100, 100, 100))
        #expect(a.psnr(against: a) == .infinity)
        // Every channel off by 16: MSE 256, PSNR = 10 log10(65025 / 256) = 24.048.
        let b = PixelImage(width: 2, height: 2, fill: RGB(116, 116, 116))
        let value = try #require(a.psnr(against: b))
        #expect(abs(value - 24.048) < 0.001)
        #expect(a.psnr(against: PixelImage(width: 1, height: 2)) == nil)
    }

    @Test("the cells' picture reproduces what the glyphs draw")
    func picture() {
        let options = RenderOptions(blitter: .quadrant)
        let image = F.image(width: 4, height: 2) { x, y in (x + y) % 2 == 0 ? F.white : F.red }
        var renderer = FrameRenderer(options: options)
        let grid = renderer.render(image: image, columns: 2, rows: 1)
        // Two colours per cell suffice here, so the picture is exact.
        #expect(grid.picture(options: options) == image)
    }

    @Test("a monochrome ramp picture is the ramp's grey levels")
    func monochromePicture() {
        let options = RenderOptions(colorMode: .monochrome)
        var grid = CellGrid(columns: 2, rows: 1)
        grid[0, 0] = Cell(character: "@", foreground: .white, background: .black)
        grid[0, 1] = Cell(character: " ", foreground: .white, background: .black)
        let picture = grid.picture(options: options)
        #expect(picture[0, 0] == RGB(243, 243, 243))
        #expect(picture[1, 1] == RGB(12, 12, 12))
    }

    @Test("the synthetic source moves, and a still one does not")
    func source() {
        let moving = RenderBenchmark(sourceWidth: 64, sourceHeight: 36, speed: 4)
        #expect(moving.frame(0) != moving.frame(1))
        let still = RenderBenchmark(sourceWidth: 64, sourceHeight: 36, speed: 0)
        #expect(still.frame(0) == still.frame(5))
        #expect(moving.frame(3).width == 64 && moving.frame(3).height == 36)
    }

    @Test("figures for a moving picture: diffs smaller than a full frame, fair PSNR, time by the given clock")
    func figures() {
        let bench = RenderBenchmark(sourceWidth: 160, sourceHeight: 90, speed: 3)
        let clock = FakeClock()
        let result = bench.run(columns: 40, rows: 12, options: RenderOptions(), frames: 4, now: clock.now)
        #expect(result.frames == 4)
        #expect(result.firstFrameBytes > 0)
        #expect(result.meanDiffBytes > 0)
        #expect(result.meanDiffBytes < Double(result.firstFrameBytes))
        #expect(result.meanFrameTime == .milliseconds(1))
        #expect(result.meanPSNR > 20)
        #expect(result.summary.contains("40x12 halfBlock truecolor"))

        // Fewer colours, less fidelity.
        let sixteen = bench.run(columns: 40, rows: 12, options: RenderOptions(colorMode: .ansi16), frames: 2,
                                now: FakeClock().now)
        #expect(sixteen.meanPSNR < result.meanPSNR)
    }

    @Test("a still picture costs nothing after the first frame")
    func still() {
        let bench = RenderBenchmark(sourceWidth: 64, sourceHeight: 36, speed: 0)
        let result = bench.run(columns: 20, rows: 6, options: RenderOptions(blitter: .sextant), frames: 3,
                               now: FakeClock().now)
        #expect(result.meanDiffBytes == 0)
        #expect(result.firstFrameBytes > 0)
    }
}

@Suite("Render: benchmark with sensor noise")
struct RenderBenchmarkNoiseTests {
    @Test("noise makes a still picture change; a colour tolerance wins most of those bytes back")
    func noise() {
        let bench = RenderBenchmark(sourceWidth: 64, sourceHeight: 36, speed: 0, noise: 6)
        #expect(bench.frame(0) != bench.frame(1))
        #expect(bench.frame(1) == bench.frame(1))
        let exact = bench.run(columns: 32, rows: 9, options: RenderOptions(), frames: 4,
                              now: RenderBenchmarkTests.FakeClock().now)
        let tolerant = bench.run(columns: 32, rows: 9, options: RenderOptions(), frames: 4, colorTolerance: 8,
                                 now: RenderBenchmarkTests.FakeClock().now)
        #expect(exact.meanDiffBytes > 0)
        #expect(tolerant.meanDiffBytes < exact.meanDiffBytes / 2)
        #expect(tolerant.summary.contains("tolerance 8"))
    }
}
