import Testing
@testable import StreamzTUI

/// Small synthetic pictures and the exact cells they must become.
@Suite("Render: golden cell grids")
struct RenderGoldenTests {
    typealias F = RenderFixture

    private func render(_ image: PixelImage, _ blitter: Blitter, columns: Int, rows: Int,
                        mode: ColorMode = .truecolor) -> CellGrid {
        var renderer = FrameRenderer(options: RenderOptions(blitter: blitter, colorMode: mode))
        return renderer.render(image: image, columns: columns, rows: rows)
    }

    @Test("a solid colour is uniform spaces in that colour, with every blitter", arguments: Blitter.allCases)
    func solid(blitter: Blitter) {
        let color = RGB(30, 144, 255)
        let image = F.image(width: 3 * blitter.pixelColumns, height: 2 * blitter.pixelRows) { _, _ in color }
        let grid = render(image, blitter, columns: 3, rows: 2)
        #expect(grid.cells == [Cell](repeating: F.solid(color), count: 6))
    }

    @Test("a solid I420 frame goes through conversion to the same cells")
    func solidFrame() {
        var renderer = FrameRenderer()
        let grid = renderer.render(F.frame(width: 64, height: 64, color: RGB(128, 128, 128)), columns: 4, rows: 2)
        for cell in grid.cells {
            #expect(cell.character == " ")
            #expect(F.near(cell.background, RGB(128, 128, 128)))
        }
    }

    @Test("half blocks: a horizontal split inside a cell is ▀ top over bottom")
    func horizontalSplitHalfBlock() {
        // 2x3 cells = 2x6 pixels; red rows 0-2, blue rows 3-5: the middle cell splits.
        let image = F.image(width: 2, height: 6) { _, y in y < 3 ? F.red : F.blue }
        let grid = render(image, .halfBlock, columns: 2, rows: 3)
        #expect(grid.text == ["  ", "▀▀", "  "])
        #expect(grid[0, 0] == F.solid(F.red))
        #expect(grid[1, 1] == F.cell("▀", F.red, F.blue))
        #expect(grid[2, 0] == F.solid(F.blue))
    }

    @Test("quadrants: a vertical split inside a cell is ▌ left of right")
    func verticalSplitQuadrant() {
        // 4x1 cells = 8x2 pixels, red columns 0-2, blue 3-7: cell 1 splits.
        let image = F.image(width: 8, height: 2) { x, _ in x < 3 ? F.red : F.blue }
        let grid = render(image, .quadrant, columns: 4, rows: 1)
        #expect(grid.cells == [F.solid(F.red), F.cell("▌", F.red, F.blue), F.solid(F.blue), F.solid(F.blue)])
    }

    @Test("sextants: a horizontal split at a third is the top-row sextant")
    func horizontalSplitSextant() {
        let image = F.image(width: 2, height: 3) { _, y in y == 0 ? F.white : F.black }
        let grid = render(image, .sextant, columns: 1, rows: 1)
        #expect(grid.cells == [F.cell("\u{1FB02}", F.white, F.black)])  // BLOCK SEXTANT-12
    }

    @Test("checkerboard at the blitter's resolution", arguments: [
        (Blitter.halfBlock, ["▀▀", "▀▀"]),
        (Blitter.quadrant, ["▚▚", "▚▚"]),
        (Blitter.sextant, ["\u{1FB17}\u{1FB17}", "\u{1FB17}\u{1FB17}"]),  // SEXTANT-145
    ])
    func checkerboard(blitter: Blitter, text: [String]) {
        let image = F.image(width: 2 * blitter.pixelColumns, height: 2 * blitter.pixelRows) { x, y in
            (x + y) % 2 == 0 ? F.white : F.black
        }
        let grid = render(image, blitter, columns: 2, rows: 2)
        #expect(grid.text == text)
        // The fit keeps the cell's top-left pixel in the foreground, so the
        // colours swap wherever that pixel is black (odd half-block columns,
        // odd sextant rows, whose three pixel rows start on an odd line).
        for row in 0..<2 {
            for column in 0..<2 {
                let topLeft = image[column * blitter.pixelColumns, row * blitter.pixelRows]
                let other = topLeft == F.white ? F.black : F.white
                #expect(grid[row, column].foreground == topLeft, "row \(row) column \(column)")
                #expect(grid[row, column].background == other, "row \(row) column \(column)")
            }
        }
    }

    @Test("a 16:9 white frame in a square pane is letterboxed with black")
    func letterboxed() {
        var renderer = FrameRenderer()
        let grid = renderer.render(F.frame(width: 160, height: 90, color: F.white), columns: 20, rows: 10)
        // Picture pixels rows 4-14 of 20: cells 2-6 whole, cell 7 half.
        for row in 0..<10 {
            let expected: Cell = switch row {
            case 0, 1, 8, 9: F.solid(F.black)
            case 7: F.cell("▀", F.white, F.black)
            default: F.solid(F.white)
            }
            for column in 0..<20 { #expect(grid[row, column] == expected, "row \(row) column \(column)") }
        }
    }

    @Test("a 4:3 white frame in a wide pane is pillarboxed with black")
    func pillarboxed() {
        var renderer = FrameRenderer()
        let grid = renderer.render(F.frame(width: 40, height: 30, color: F.white), columns: 20, rows: 5)
        for row in 0..<5 {
            for column in 0..<20 {
                let inside = (3..<16).contains(column)
                #expect(grid[row, column] == F.solid(inside ? F.white : F.black), "row \(row) column \(column)")
            }
        }
    }
}
