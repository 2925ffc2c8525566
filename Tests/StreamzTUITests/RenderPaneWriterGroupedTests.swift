import Testing
@testable import StreamzTUI

@Suite("Render: pane writer, truecolor writes grouped by colour")
struct RenderPaneWriterGroupedTests {
    typealias F = RenderFixture
    let origin = PaneOrigin(row: 0, column: 0)
    let options = RenderOptions()

    private func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    private func count(_ needle: String, in bytes: [UInt8]) -> Int {
        text(bytes).components(separatedBy: needle).count - 1
    }

    /// A writer with `tolerance`, a screen, and a first frame of `fill`
    /// written to both.
    private func started(columns: Int, rows: Int, fill: Cell, tolerance: Int) throws -> (PaneWriter, TerminalScreen, CellGrid) {
        var writer = PaneWriter(synchronizedOutput: false, colorTolerance: tolerance)
        var screen = TerminalScreen(columns: columns, rows: rows)
        let grid = CellGrid(columns: columns, rows: rows, fill: fill)
        try screen.apply(writer.write(grid, at: origin, colorMode: .truecolor))
        return (writer, screen, grid)
    }

    /// The largest RGB distance between two pictures' pixels.
    private func maxDistance(_ a: PixelImage, _ b: PixelImage) -> Int {
        zip(a.pixels, b.pixels).map { PaneWriter.distanceSquared($0, $1) }.max()
            .map { Int(Double($0).squareRoot().rounded(.up)) } ?? 0
    }

    @Test("cells far apart that change to the same colours share one colour code")
    func scatteredCellsShareCodes() throws {
        var (writer, screen, grid) = try started(columns: 8, rows: 4, fill: F.cell("▀", RGB(40, 40, 40), RGB(90, 90, 90)), tolerance: 10)
        let changed = F.cell("▀", RGB(200, 30, 30), RGB(30, 30, 200))
        for (row, column) in [(0, 6), (1, 1), (2, 4), (3, 0), (3, 7)] { grid[row, column] = changed }
        let bytes = writer.write(grid, at: origin, colorMode: .truecolor)
        // One code sets both colours; the five cells then need only moves.
        #expect(count("38;2;", in: bytes) == 1)
        #expect(count("48;2;", in: bytes) == 1)
        #expect(count("▀", in: bytes) + count("▄", in: bytes) == 5)
        try screen.apply(bytes)
        #expect(screen.grid.picture(options: options) == grid.picture(options: options))
    }

    @Test("close colours become one: two cells a few steps apart are drawn in one colour code, within the bound")
    func closeColoursShare() throws {
        let tolerance = 12
        var (writer, screen, grid) = try started(columns: 6, rows: 1, fill: F.cell(" ", RGB(0, 0, 0), RGB(0, 0, 0)), tolerance: tolerance)
        grid[0, 1] = F.cell(" ", RGB(100, 150, 200), RGB(100, 150, 200))
        grid[0, 4] = F.cell(" ", RGB(103, 148, 204), RGB(103, 148, 204))
        let bytes = writer.write(grid, at: origin, colorMode: .truecolor)
        #expect(count("48;2;", in: bytes) == 1)
        try screen.apply(bytes)
        #expect(maxDistance(screen.grid.picture(options: options), grid.picture(options: options)) <= tolerance)
    }

    @Test("a cell past half the tolerance is redrawn for a few bytes when a colour set can draw it; one closer is left")
    func refreshes() throws {
        let tolerance = 16  // reuse 8, refresh past 8
        func flat(_ r: UInt8) -> Cell { F.cell(" ", RGB(r, 100, 100), RGB(r, 100, 100)) }
        let start = flat(100)
        var (writer, screen, grid) = try started(columns: 4, rows: 1, fill: start, tolerance: tolerance)
        // Cell 0 is due (30 away). Cell 1 drifted 10, past half the
        // tolerance, but no colour written this frame is within 8 of it: a
        // refresh never brings in a colour of its own, so it stays.
        grid[0, 0] = flat(130)
        grid[0, 1] = flat(110)
        var bytes = writer.write(grid, at: origin, colorMode: .truecolor)
        try screen.apply(bytes)
        #expect(writer.screen?[0, 0] == flat(130))
        #expect(writer.screen?[0, 1] == start)
        // Cell 3 is due at 118; cell 1 (now 112, 12 from what it shows) is
        // within 8 of that colour, so it is redrawn in it after cell 3;
        // cell 2 (105, within half the tolerance) is left.
        grid[0, 3] = flat(118)
        grid[0, 1] = flat(112)
        grid[0, 2] = flat(105)
        bytes = writer.write(grid, at: origin, colorMode: .truecolor)
        try screen.apply(bytes)
        #expect(writer.screen?[0, 3] == flat(118))
        #expect(writer.screen?[0, 1].background == RGB(118, 100, 100))
        #expect(writer.screen?[0, 2] == start)
        #expect(count("48;2;", in: bytes) == 1)
        #expect(writer.screen.map { $0.picture(options: options) } == screen.grid.picture(options: options))
        #expect(maxDistance(screen.grid.picture(options: options), grid.picture(options: options)) <= tolerance)
    }

    @Test("after a cell in the last column the cursor waits to wrap, so a move back along the row is absolute")
    func lastColumnThenBack() throws {
        let a = RGB(250, 0, 0), b = RGB(0, 250, 0), c = RGB(0, 0, 250), d = RGB(250, 250, 0)
        var (writer, screen, grid) = try started(columns: 4, rows: 1, fill: F.cell(" ", RGB(0, 0, 0), RGB(0, 0, 0)), tolerance: 8)
        // Written in colour order: cell 0 (a, b), then cell 3 (a, c: one
        // new colour), then cell 2 (c, d: one new colour), back along the row.
        grid[0, 0] = F.cell("▀", a, b)
        grid[0, 3] = F.cell("▀", a, c)
        grid[0, 2] = F.cell("▀", c, d)
        let bytes = writer.write(grid, at: origin, colorMode: .truecolor)
        try screen.apply(bytes)
        #expect(screen.grid.picture(options: options) == grid.picture(options: options))
        #expect(text(bytes).contains("\u{1B}[1;3H"))
    }

    @Test("moves within a column are CUD/CUU and within a row CUF/CUB, and land where the writer thinks")
    func shortMoves() throws {
        var (writer, screen, grid) = try started(columns: 6, rows: 6, fill: F.cell(" ", RGB(0, 0, 0), RGB(0, 0, 0)), tolerance: 8)
        let shared = F.cell("▀", RGB(250, 0, 0), RGB(0, 0, 250))
        for (row, column) in [(1, 4), (3, 4), (3, 1), (0, 1), (5, 2)] { grid[row, column] = shared }
        let bytes = writer.write(grid, at: origin, colorMode: .truecolor)
        try screen.apply(bytes)
        #expect(screen.grid.picture(options: options) == grid.picture(options: options))
        #expect(writer.screen.map { $0.picture(options: options) } == screen.grid.picture(options: options))
        #expect(count("38;2;", in: bytes) == 1)
    }

    @Test("the colour cover: the nearest colour within the radius serves, none farther, and a test can refuse one")
    func colorCover() {
        var cover = ColorCover(radius: 5)
        let first = cover.id(for: RGB(100, 100, 100))
        #expect(cover.id(for: RGB(103, 100, 96)) == first)  // distance 5
        let second = cover.id(for: RGB(106, 100, 100))  // 6 away: a colour of its own
        #expect(second != first)
        #expect(cover.id(for: RGB(105, 100, 100)) == second)  // nearer the second
        #expect(cover.nearest(to: RGB(200, 0, 0)) == nil)
        let refused = cover.id(for: RGB(101, 100, 100)) { $0 != RGB(100, 100, 100) }
        #expect(refused == second)
        #expect(cover.colors.count == 2)
        // Bucket edges: colours on either side of a bucket boundary still meet.
        var edges = ColorCover(radius: 8)
        let low = edges.id(for: RGB(7, 0, 255))
        #expect(edges.id(for: RGB(9, 0, 255)) == low)
        #expect(edges.id(for: RGB(255, 255, 255)) != low)
    }

    @Test("glyph masks: every glyph of every blitter maps back to its mask; other characters to none",
          arguments: Blitter.allCases)
    func glyphMasks(blitter: Blitter) {
        let masks = GlyphMasks(blitter)
        for mask in 0...blitter.fullMask {
            let glyph = blitter.glyph(forMask: mask)
            // Sextants draw ▌ and ▐ for their half masks; any mask with that glyph is the same picture.
            #expect(masks[glyph].map { blitter.glyph(forMask: $0) } == glyph)
        }
        #expect(masks["a"] == nil)
        #expect(masks["▀\u{301}"] == nil)  // a glyph with a combining mark is not the glyph
        #expect(masks["👍🏽"] == nil)
    }
}
