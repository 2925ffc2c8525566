import Testing
@testable import StreamzTUI

@Suite("Render: pane writer (diff, cursor moves, SGR elision, synchronized output)")
struct RenderPaneWriterTests {
    typealias F = RenderFixture
    let origin = PaneOrigin(row: 2, column: 4)

    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    private func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    /// A grid of `columns` x `rows` in one colour, as the renderer would make it.
    private func grid(_ columns: Int, _ rows: Int, _ color: RGB = F.black) -> CellGrid {
        CellGrid(columns: columns, rows: rows, fill: F.solid(color))
    }

    @Test("the first frame is written whole, with colours set once and no moves between neighbours")
    func firstFrame() {
        var writer = PaneWriter()
        var g = grid(2, 1)
        g[0, 1] = F.cell("▀", F.red, F.black)
        let out = writer.write(g, at: origin, colorMode: .truecolor)
        // CUP is 1-based: pane row 0 -> screen row 3, column 0 -> 5. The space
        // needs only a background; the ▀ then adds a foreground, and its
        // background is already black.
        #expect(text(out) == "\u{1B}[?2026h\u{1B}7\u{1B}[3;5H\u{1B}[0;48;2;0;0;0m \u{1B}[38;2;255;0;0m▀\u{1B}8\u{1B}[?2026l")
    }

    @Test("an unchanged frame writes nothing at all")
    func unchanged() {
        var writer = PaneWriter()
        let g = grid(3, 2, F.blue)
        #expect(!writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
        #expect(writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
        #expect(writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
    }

    @Test("only the changed cells are written, with a move to each")
    func onlyChanges() {
        var writer = PaneWriter()
        var g = grid(4, 3)
        _ = writer.write(g, at: origin, colorMode: .truecolor)
        g[1, 2] = F.solid(F.red)
        #expect(text(writer.write(g, at: origin, colorMode: .truecolor))
            == "\u{1B}[?2026h\u{1B}7\u{1B}[4;7H\u{1B}[0;48;2;255;0;0m \u{1B}8\u{1B}[?2026l")
        // Two changes on one row with a gap: a forward move (CUF), not a CUP;
        // one on the next row: a CUP. The repeated red is not set again.
        g[0, 0] = F.solid(F.white)
        g[0, 3] = F.solid(F.white)
        g[2, 1] = F.solid(F.white)
        #expect(text(writer.write(g, at: origin, colorMode: .truecolor))
            == "\u{1B}[?2026h\u{1B}7\u{1B}[3;5H\u{1B}[0;48;2;255;255;255m \u{1B}[2C \u{1B}[5;6H \u{1B}8\u{1B}[?2026l")
    }

    @Test("adjacent changed cells need no move; a run of them shares its colours")
    func adjacentRun() {
        var writer = PaneWriter()
        var g = grid(5, 1)
        _ = writer.write(g, at: origin, colorMode: .truecolor)
        for column in 1...3 { g[0, column] = F.cell("▀", F.red, F.blue) }
        #expect(text(writer.write(g, at: origin, colorMode: .truecolor))
            == "\u{1B}[?2026h\u{1B}7\u{1B}[3;6H\u{1B}[0;38;2;255;0;0;48;2;0;0;255m▀▀▀\u{1B}8\u{1B}[?2026l")
    }

    @Test("synchronized output and cursor saving can be turned off")
    func plainOutput() {
        var writer = PaneWriter(synchronizedOutput: false, preservesCursor: false)
        let out = writer.write(grid(1, 1, F.red), at: PaneOrigin(row: 0, column: 0), colorMode: .truecolor)
        #expect(text(out) == "\u{1B}[1;1H\u{1B}[0;48;2;255;0;0m \u{1B}[0m")
    }

    @Test("a new origin, size or colour mode, or invalidate(), rewrites everything")
    func fullRewrites() {
        var writer = PaneWriter()
        let g = grid(2, 2)
        let first = writer.write(g, at: origin, colorMode: .truecolor)
        #expect(writer.write(g, at: PaneOrigin(row: 0, column: 0), colorMode: .truecolor).count == first.count)
        #expect(!writer.write(grid(3, 2), at: PaneOrigin(row: 0, column: 0), colorMode: .truecolor).isEmpty)
        #expect(!writer.write(grid(3, 2), at: PaneOrigin(row: 0, column: 0), colorMode: .palette256).isEmpty)
        #expect(writer.write(grid(3, 2), at: PaneOrigin(row: 0, column: 0), colorMode: .palette256).isEmpty)
        writer.invalidate()
        #expect(!writer.write(grid(3, 2), at: PaneOrigin(row: 0, column: 0), colorMode: .palette256).isEmpty)
    }

    @Test("256 and 16 colour codes")
    func limitedModes() {
        var g = CellGrid(columns: 1, rows: 1, fill: F.cell("▀", RGB(255, 0, 0), RGB(0, 0, 238)))
        var writer = PaneWriter(synchronizedOutput: false, preservesCursor: false)
        // (0, 0, 238) is not in the cube: it goes out as the nearest, 21 (0, 0, 255).
        #expect(text(writer.write(g, at: PaneOrigin(row: 0, column: 0), colorMode: .palette256))
            == "\u{1B}[1;1H\u{1B}[0;38;5;196;48;5;21m▀\u{1B}[0m")
        // 16 colours: bright red (code 9) -> 91; blue (code 4) -> 44.
        #expect(text(writer.write(g, at: PaneOrigin(row: 0, column: 0), colorMode: .ansi16))
            == "\u{1B}[1;1H\u{1B}[0;91;44m▀\u{1B}[0m")
        g[0, 0] = F.cell("▀", RGB(0, 0, 0), RGB(229, 229, 229))
        #expect(text(writer.write(g, at: PaneOrigin(row: 0, column: 0), colorMode: .ansi16))
            == "\u{1B}[1;1H\u{1B}[0;30;47m▀\u{1B}[0m")
    }

    @Test("monochrome resets once and sends no colour codes")
    func monochrome() {
        var writer = PaneWriter(synchronizedOutput: false, preservesCursor: true)
        var g = CellGrid(columns: 2, rows: 1)
        g[0, 0] = Cell(character: "@", foreground: .white, background: .black)
        g[0, 1] = Cell(character: ".", foreground: .white, background: .black)
        #expect(text(writer.write(g, at: PaneOrigin(row: 0, column: 0), colorMode: .monochrome))
            == "\u{1B}7\u{1B}[0m\u{1B}[1;1H@.\u{1B}8")
    }

    @Test("a full block sends only its foreground")
    func fullBlock() {
        var writer = PaneWriter(synchronizedOutput: false, preservesCursor: false)
        let g = CellGrid(columns: 1, rows: 1, fill: F.cell("█", F.red, F.blue))
        #expect(text(writer.write(g, at: PaneOrigin(row: 0, column: 0), colorMode: .truecolor))
            == "\u{1B}[1;1H\u{1B}[0;38;2;255;0;0m█\u{1B}[0m")
    }

    @Test("after rendering a moving picture the diff stays smaller than a full write")
    func diffIsSmaller() {
        var renderer = FrameRenderer()
        var writer = PaneWriter()
        var fullWriter = PaneWriter()
        var total = 0
        var totalFull = 0
        for step in 0..<4 {
            // A 4-pixel white square moving right over black, 40x20 cells.
            let image = F.image(width: 40, height: 40) { x, y in
                (step * 2..<step * 2 + 4).contains(x) && (10..<14).contains(y) ? F.white : F.black
            }
            let g = renderer.render(image: image, columns: 40, rows: 20)
            total += writer.write(g, at: origin, colorMode: .truecolor).count
            fullWriter.invalidate()
            totalFull += fullWriter.write(g, at: origin, colorMode: .truecolor).count
        }
        #expect(total < totalFull / 2)
    }
}

@Suite("Render: pane writer colour tolerance")
struct RenderPaneWriterToleranceTests {
    typealias F = RenderFixture

    @Test("small colour changes are skipped, measured against what is on screen")
    func tolerance() {
        var writer = PaneWriter(colorTolerance: 4)
        let origin = PaneOrigin(row: 0, column: 0)
        var g = CellGrid(columns: 2, rows: 1, fill: F.cell("▀", RGB(100, 100, 100), RGB(10, 10, 10)))
        #expect(!writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
        // Drift by 3, then by 3 more: the first is skipped; the second is 6
        // away from the screen and is written.
        g[0, 0].foreground = RGB(103, 100, 100)
        #expect(writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
        g[0, 0].foreground = RGB(106, 100, 100)
        let out = String(decoding: writer.write(g, at: origin, colorMode: .truecolor), as: UTF8.self)
        #expect(out.contains("38;2;106;100;100"))
        // A glyph change is always written, however close the colours.
        g[0, 1].character = "▚"
        #expect(!writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
        // A space's invisible foreground never counts.
        var spaces = PaneWriter(colorTolerance: 1)
        var s = CellGrid(columns: 1, rows: 1, fill: F.solid(F.red))
        _ = spaces.write(s, at: origin, colorMode: .truecolor)
        s[0, 0].foreground = F.blue
        #expect(spaces.write(s, at: origin, colorMode: .truecolor).isEmpty)
    }

    @Test("without tolerance any change is written")
    func exact() {
        var writer = PaneWriter()
        let origin = PaneOrigin(row: 0, column: 0)
        var g = CellGrid(columns: 1, rows: 1, fill: F.cell("▀", RGB(100, 100, 100), RGB(10, 10, 10)))
        _ = writer.write(g, at: origin, colorMode: .truecolor)
        g[0, 0].foreground = RGB(101, 100, 100)
        #expect(!writer.write(g, at: origin, colorMode: .truecolor).isEmpty)
    }
}
