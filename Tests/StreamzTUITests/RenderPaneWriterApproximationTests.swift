import Testing
@testable import StreamzTUI

@Suite("Render: pane writer, error-bounded writing")
struct RenderPaneWriterApproximationTests {
    typealias F = RenderFixture
    let origin = PaneOrigin(row: 0, column: 0)

    private func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    /// The largest RGB distance between two pictures' pixels.
    private func maxDistance(_ a: PixelImage, _ b: PixelImage) -> Int {
        zip(a.pixels, b.pixels).map { PaneWriter.distanceSquared($0, $1) }.max().map { Int(Double($0).squareRoot().rounded(.up)) } ?? 0
    }

    @Test("over many frames of drifting colours, what the terminal shows never strays past the tolerance",
          arguments: [0, 2, 6])
    func noDrift(motionLead: Int) throws {
        let tolerance = 10
        var writer = PaneWriter(synchronizedOutput: false, colorTolerance: tolerance, motionLead: motionLead)
        var screen = TerminalScreen(columns: 8, rows: 4)
        var grid = CellGrid(columns: 8, rows: 4, fill: F.cell("▀", RGB(120, 120, 120), RGB(60, 60, 60)))
        var seed: UInt32 = 12345
        func step() -> Int {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return Int(seed >> 16) % 7 - 3
        }
        // Half the cells wander at random, half move steadily (what the
        // motion lead acts on), bouncing off the ends of the range.
        func nudge(_ c: UInt8, steady: Bool, frame: Int) -> UInt8 {
            let move = steady ? ((frame / 40) % 2 == 0 ? 3 : -3) : step()
            return UInt8(min(255, max(0, Int(c) + move)))
        }
        let options = RenderOptions()
        var written = 0
        for frame in 0..<300 {
            for i in grid.cells.indices {
                // Slow drifts (each step is under the tolerance, so only the
                // accumulated change can push a cell out) and now and then a glyph flip.
                let steady = i % 2 == 0
                let f = grid.cells[i].foreground, b = grid.cells[i].background
                grid.cells[i].foreground = RGB(nudge(f.r, steady: steady, frame: frame), nudge(f.g, steady: steady, frame: frame),
                                               nudge(f.b, steady: steady, frame: frame))
                grid.cells[i].background = RGB(nudge(b.r, steady: steady, frame: frame), nudge(b.g, steady: false, frame: frame),
                                               nudge(b.b, steady: steady, frame: frame))
                if (frame + i) % 37 == 0 { grid.cells[i].character = grid.cells[i].character == "▀" ? "▄" : "▀" }
            }
            let bytes = writer.write(grid, at: origin, colorMode: .truecolor)
            written += bytes.count
            try screen.apply(bytes)
            let shown = screen.grid.picture(options: options)
            #expect(maxDistance(shown, grid.picture(options: options)) <= tolerance, "frame \(frame)")
            // The writer's idea of the screen is what the terminal really shows.
            #expect(writer.screen.map { $0.picture(options: options) } == shown, "frame \(frame)")
        }
        #expect(written > 0)
    }

    @Test("the bytes saved are real: an exact writer sends more for the same frames")
    func savesBytes() {
        var exact = PaneWriter(colorTolerance: 0)
        var tolerant = PaneWriter(colorTolerance: 8)
        var grid = CellGrid(columns: 10, rows: 2, fill: F.cell("▀", RGB(100, 100, 100), RGB(50, 50, 50)))
        var exactBytes = 0, tolerantBytes = 0
        for frame in 0..<20 {
            for i in grid.cells.indices { grid.cells[i].foreground = RGB(100 + UInt8(frame % 3), 100, 100) }
            exactBytes += exact.write(grid, at: origin, colorMode: .truecolor).count
            tolerantBytes += tolerant.write(grid, at: origin, colorMode: .truecolor).count
        }
        #expect(tolerantBytes < exactBytes / 5)
    }

    @Test("a cell whose two colours are close is written in one colour: a space, one colour code")
    func singleColour() {
        var writer = PaneWriter(synchronizedOutput: false, preservesCursor: false, colorTolerance: 8)
        let g = CellGrid(columns: 1, rows: 1, fill: F.cell("▀", RGB(100, 100, 100), RGB(104, 100, 100)))
        // The mean of the two (102) is 2 from each, within the reuse bound of 4.
        #expect(text(writer.write(g, at: origin, colorMode: .truecolor)) == "\u{1B}[1;1H\u{1B}[0;48;2;102;100;100m \u{1B}[0m")
        // Too far apart for one colour: both are sent.
        var apart = PaneWriter(synchronizedOutput: false, preservesCursor: false, colorTolerance: 8)
        let h = CellGrid(columns: 1, rows: 1, fill: F.cell("▀", RGB(100, 100, 100), RGB(120, 100, 100)))
        #expect(text(apart.write(h, at: origin, colorMode: .truecolor))
            == "\u{1B}[1;1H\u{1B}[0;38;2;100;100;100;48;2;120;100;100m▀\u{1B}[0m")
    }

    @Test("colours already set are reused when close, and a glyph's complement saves swapping them")
    func reuse() {
        var writer = PaneWriter(synchronizedOutput: false, preservesCursor: false, colorTolerance: 8)
        var g = CellGrid(columns: 3, rows: 1)
        g[0, 0] = F.cell("▀", F.red, F.blue)
        // Within 4 of the red and blue already set: drawn with them.
        g[0, 1] = F.cell("▀", RGB(253, 0, 2), RGB(0, 3, 255))
        // The same picture as ▀ red on blue.
        g[0, 2] = F.cell("▄", F.blue, F.red)
        #expect(text(writer.write(g, at: origin, colorMode: .truecolor))
            == "\u{1B}[1;1H\u{1B}[0;38;2;255;0;0;48;2;0;0;255m▀▀▀\u{1B}[0m")
    }

    @Test("without a tolerance the writer draws exactly the grid")
    func exactWithoutTolerance() {
        var writer = PaneWriter()
        var g = CellGrid(columns: 3, rows: 1)
        g[0, 0] = F.cell("▀", F.red, F.blue)
        g[0, 1] = F.cell("▀", RGB(254, 0, 0), F.blue)
        g[0, 2] = F.cell("▄", F.blue, F.red)
        _ = writer.write(g, at: origin, colorMode: .truecolor)
        #expect(writer.screen == g)
    }

    @Test("written along the rows (a palette mode), a short gap of unchanged cells is redrawn when that is no longer than the cursor move")
    func gapOrMove() {
        let cell = F.cell("▀", F.red, F.blue)
        var writer = PaneWriter(synchronizedOutput: false, preservesCursor: false, colorTolerance: 8)
        var g = CellGrid(columns: 6, rows: 1, fill: cell)
        _ = writer.write(g, at: origin, colorMode: .palette256)
        // Cells 0 and 2 change to a new picture; cell 1 in between does not.
        let other = F.cell("▀", F.blue, F.red)
        g[0, 0] = other
        g[0, 2] = other
        // After cell 0 the colours are set for the swap, so cell 1 (red over
        // blue) is `▄` in them: 3 bytes, as many as `ESC[C`; redrawing it wins the tie.
        #expect(text(writer.write(g, at: origin, colorMode: .palette256))
            == "\u{1B}[1;1H\u{1B}[0;38;5;21;48;5;196m▀▄▀\u{1B}[0m")
        // A gap of three: 9 bytes of glyphs against 4 of `ESC[3C`: a move.
        g[0, 0] = cell
        g[0, 2] = cell
        _ = writer.write(g, at: origin, colorMode: .palette256)
        g[0, 1] = other
        g[0, 5] = other
        #expect(text(writer.write(g, at: origin, colorMode: .palette256))
            == "\u{1B}[1;2H\u{1B}[0;38;5;21;48;5;196m▀\u{1B}[3C▀\u{1B}[0m")
    }

    @Test("a steadily moving colour is drawn ahead and rewritten less often; a jittering one is not led")
    func motionLead() {
        func run(lead: Int, _ value: (Int) -> UInt8) -> (bytes: Int, writes: Int) {
            var writer = PaneWriter(colorTolerance: 12, motionLead: lead)
            var bytes = 0, writes = 0
            for frame in 0..<60 {
                let v = value(frame)
                let g = CellGrid(columns: 1, rows: 1, fill: F.cell("▀", RGB(v, 80, 80), RGB(20, 20, v)))
                let out = writer.write(g, at: origin, colorMode: .truecolor)
                bytes += out.count
                if !out.isEmpty { writes += 1 }
            }
            return (bytes, writes)
        }
        let ramp = { (frame: Int) in UInt8(40 + 2 * frame) }
        #expect(run(lead: 2, ramp).writes < run(lead: 0, ramp).writes)
        // 20 back and forth (past the tolerance, so written every frame):
        // never a steady motion, so the same bytes either way.
        let jitter = { (frame: Int) in UInt8(frame % 2 == 0 ? 100 : 120) }
        #expect(run(lead: 2, jitter).bytes == run(lead: 0, jitter).bytes)
    }

    @Test("an unchanged frame still writes nothing")
    func unchanged() {
        var writer = PaneWriter(colorTolerance: 14)
        let g = CellGrid(columns: 4, rows: 2, fill: F.cell("▀", RGB(10, 20, 30), RGB(200, 100, 50)))
        #expect(!writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
        #expect(writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
    }

    @Test("byte costs the writer predicts match the bytes it writes")
    func costMatches() {
        let writer = PaneWriter(colorTolerance: 8)
        let state = PaneWriter.TerminalState()
        for mode in [ColorMode.truecolor, .palette256, .ansi16] {
            for (fg, bg) in [(RGB(1, 22, 255), RGB(100, 9, 0)), (RGB(255, 255, 255), RGB(0, 0, 238))] {
                var out: [UInt8] = []
                var s = state
                let cell = F.cell("▀", fg, bg)
                writer.setColors(for: cell, mode: mode, state: &s, into: &out)
                out.append(contentsOf: "▀".utf8)
                #expect(writer.cost(mask: 1, fg, bg, mode: mode, state: state) == out.count, "\(mode)")
            }
        }
    }
}
