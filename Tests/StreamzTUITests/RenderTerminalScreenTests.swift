import StreamzRTC
import Testing
@testable import StreamzTUI

@Suite("Render: terminal screen emulator (measuring what the cells show)")
struct RenderTerminalScreenTests {
    static let picture = RenderFixture.image(width: 24, height: 16) { x, y in
        RGB(UInt8(x * 10), UInt8(y * 15), UInt8((x * y) % 256))
    }

    @Test("our writer's bytes rebuild the picture the renderer made", arguments: [ColorMode.truecolor, .palette256, .ansi16])
    func roundTrip(mode: ColorMode) throws {
        let options = RenderOptions(blitter: .halfBlock, colorMode: mode)
        var renderer = FrameRenderer(options: options)
        let grid = renderer.render(image: Self.picture, columns: 24, rows: 8)
        var writer = PaneWriter()
        var screen = TerminalScreen(columns: 30, rows: 12)
        try screen.apply(writer.write(grid, at: PaneOrigin(row: 2, column: 3), colorMode: mode))
        var pane = CellGrid(columns: 24, rows: 8)
        for r in 0..<8 { for c in 0..<24 { pane[r, c] = screen.grid[r + 2, c + 3] } }
        #expect(pane.picture(options: options) == grid.picture(options: options))
        // A changed frame's diff lands on top of the first one exactly.
        let moved = renderer.render(image: RenderFixture.image(width: 24, height: 16) { x, y in Self.picture[(x + 3) % 24, y] },
                                    columns: 24, rows: 8)
        try screen.apply(writer.write(moved, at: PaneOrigin(row: 2, column: 3), colorMode: mode))
        for r in 0..<8 { for c in 0..<24 { pane[r, c] = screen.grid[r + 2, c + 3] } }
        #expect(pane.picture(options: options) == moved.picture(options: options))
    }

    @Test func mpvStyleLowerHalfBlocksAndCursorAddressing() throws {
        var screen = TerminalScreen(columns: 4, rows: 2)
        try screen.apply(Array("\u{1B}[?25l\u{1B}[2J\u{1B}[2;1f\u{1B}[48;2;10;20;30m\u{1B}[38;2;40;50;60m▄\u{1B}[0m\n".utf8))
        #expect(screen.grid[1, 0] == Cell(character: "▄", foreground: RGB(40, 50, 60), background: RGB(10, 20, 30)))
        // CUP parameters of 0 mean 1 (ECMA-48), so row 0 and row 1 are the same line.
        // CUF stops at the last column (ECMA-48 §8.3.20, as xterm does).
        try screen.apply(Array("\u{1B}[0;0fA\u{1B}[1;2fB\u{1B}[5CC\u{1B}[1;4H\u{1B}[DD".utf8))
        #expect(screen.grid.text[0] == "ABDC")
        try screen.apply(Array("\u{1B}7\u{1B}[2;2H\u{1B}[31;44mx\u{1B}8y".utf8))
        #expect(screen.grid[1, 1] == Cell(character: "x", foreground: RGB(205, 0, 0), background: RGB(0, 0, 238)))
        #expect(screen.grid[0, 3].character == "y")
        try screen.apply(Array("\u{1B}[38;5;196;48;5;21m\u{1B}[2;3Hz\u{1B}[2;1H\u{1B}[K".utf8))
        #expect(screen.grid.text[1] == "    ")
    }

    @Test("the last column leaves a wrap pending: the next character wraps, a colour change does not cancel it, a move does")
    func pendingWrap() throws {
        var screen = TerminalScreen(columns: 3, rows: 2)
        try screen.apply(Array("\u{1B}[1;3Ha\u{1B}[31mb".utf8))
        #expect(screen.grid.text == ["  a", "b  "])
        // CUB counts from the last column, where the cursor really is.
        try screen.apply(Array("\u{1B}[1;3Hc\u{1B}[Dd".utf8))
        #expect(screen.grid.text[0] == " dc")
        // On the last row a wrap stays on it (this screen does not scroll).
        try screen.apply(Array("\u{1B}[2;3Hef".utf8))
        #expect(screen.grid.text[1] == "f e")
    }

    @Test func garbageIsRejectedWithAClearError() {
        let cases: [([UInt8], TerminalScreen.ParseError)] = [
            (Array("\u{1B}[38;2;1".utf8), .truncatedSequence(offset: 0)),
            (Array("ab\u{1B}".utf8), .truncatedSequence(offset: 2)),
            (Array("\u{1B}[99999999H".utf8), .malformedParameter(offset: 6)),
            (Array("\u{1B}[38;2;300;0;0m".utf8), .malformedParameter(offset: 0)),
            (Array("\u{1B}[38;9m".utf8), .malformedParameter(offset: 0)),
            (Array("\u{1B}P".utf8), .unsupportedSequence(offset: 0, final: UInt8(ascii: "P"))),
            (Array("\u{1B}[5q".utf8), .unsupportedSequence(offset: 0, final: UInt8(ascii: "q"))),
            ([0xE2, 0x96], .invalidUTF8(offset: 0)),
            ([0xC0, 0x80], .invalidUTF8(offset: 0)),
            ([0xED, 0xA0, 0x80], .invalidUTF8(offset: 0)),
            ([0x41, 0x07], .unsupportedControl(offset: 1, byte: 0x07)),
        ]
        for (bytes, expected) in cases {
            var screen = TerminalScreen(columns: 4, rows: 2)
            #expect(throws: expected) { try screen.apply(bytes) }
        }
        // Random bytes: an error or a screen, never a trap.
        var seed: UInt32 = 99
        for _ in 0..<200 {
            let bytes = (0..<64).map { _ -> UInt8 in
                seed = seed &* 1_664_525 &+ 1_013_904_223
                return UInt8(truncatingIfNeeded: seed >> 24)
            }
            var screen = TerminalScreen(columns: 8, rows: 4)
            _ = try? screen.apply(bytes)
            #expect(screen.grid.cells.count == 32)
        }
    }
}
