import CNcursesw
import Testing
@testable import StreamzTUI

@Suite("Monitor grid, widths, styles and keys")
struct MonitorGridTests {
    @Test func characterWidths() {
        #expect(CharacterWidth.columns(of: "a") == 1)
        #expect(CharacterWidth.columns(of: "é") == 1)
        #expect(CharacterWidth.columns(of: "e\u{301}") == 1)  // e + combining acute: one cluster
        #expect(CharacterWidth.columns(of: "寝") == 2)
        #expect(CharacterWidth.columns(of: "한") == 2)
        #expect(CharacterWidth.columns(of: "Ａ") == 2)  // fullwidth A
        #expect(CharacterWidth.columns(of: "📷") == 2)
        #expect(CharacterWidth.columns(of: "❤\u{FE0F}") == 2)  // VS16 asks for emoji presentation
        #expect(CharacterWidth.columns(of: "●") == 1)
        #expect(CharacterWidth.columns(of: "\u{7}") == 0)
        #expect(CharacterWidth.columns(of: "寝室 cam") == 8)
    }

    @Test func truncateAndPadCountColumns() {
        #expect(CharacterWidth.truncate("Kitchen phone", to: 8) == "Kitchen…")
        #expect(CharacterWidth.truncate("寝室カメラ", to: 6) == "寝室…")
        #expect(CharacterWidth.columns(of: CharacterWidth.pad("寝室カメラ", to: 7)) == 7)
        #expect(CharacterWidth.pad("ab", to: 4) == "ab  ")
        #expect(CharacterWidth.truncate("abc", to: 0) == "")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverStraddleTheEdge() {
        var grid = ScreenGrid(rows: 1, columns: 5)
        let end = grid.put("a寝b", row: 0, column: 0)
        #expect(end == 4)
        #expect(grid[0, 1].character == "寝" && grid[0, 2].continuation)
        #expect(grid.lines == ["a寝b "])
        var edge = ScreenGrid(rows: 1, columns: 4)
        edge.put("abc寝", row: 0, column: 0, style: .accent)
        #expect(edge.lines == ["abc "])
        #expect(!edge[0, 3].continuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = ScreenGrid(rows: 1, columns: 6)
        grid.put("寝室", row: 0, column: 0)
        grid.put("x", row: 0, column: 1)  // the right half of 寝
        #expect(grid.lines == [" x室  "])
        grid.put("y", row: 0, column: 2)  // the left half of 室
        #expect(grid.lines == [" xy   "])
        #expect((0..<6).allSatisfy { !grid[0, $0].continuation })
        var shifted = ScreenGrid(rows: 1, columns: 6)
        shifted.put("寝室", row: 0, column: 0)
        shifted.put("カ", row: 0, column: 1)  // straddles both
        #expect(shifted.lines == [" カ   "])
    }

    @Test func writesOutsideTheGridAreClipped() {
        var grid = ScreenGrid(rows: 2, columns: 3)
        grid.put("abcdef", row: 1, column: 1)
        grid.put("zz", row: 5, column: 0)
        grid.put("zz", row: -1, column: 0)
        grid.fill(row: 0, column: -2, width: 10, style: .selection)
        #expect(grid.lines == ["   ", " ab"])
        #expect(grid.styles(row: 0) == [.selection, .selection, .selection])
        #expect(grid[9, 9] == .blank)
        #expect(ScreenGrid(rows: -1, columns: 4).cells.isEmpty)
    }

    @Test func stylesDegradeTrueColor256SixteenNone() {
        let online256 = StylePalette.spec(for: .online, mode: .truecolor, terminalColors: 256)
        #expect(online256 == StyleSpec(foreground: 42))
        #expect(StylePalette.spec(for: .online, mode: .palette256, terminalColors: 256) == online256)
        // A terminal with 8 colours gets the ANSI set even when 256 were promised.
        #expect(StylePalette.spec(for: .online, mode: .palette256, terminalColors: 8) == StyleSpec(foreground: 2))
        #expect(StylePalette.spec(for: .online, mode: .ansi16, terminalColors: 256) == StyleSpec(foreground: 2))
        #expect(StylePalette.spec(for: .online, mode: .ansi16, terminalColors: 0) == StyleSpec(attributes: [.bold]))
        for style in TextStyle.allCases {
            let mono = StylePalette.spec(for: style, mode: .monochrome, terminalColors: 256)
            #expect(!mono.usesColor, "\(style)")
        }
        // Styles stay distinguishable without colour where it matters.
        let selection = StylePalette.spec(for: .selection, mode: .monochrome, terminalColors: 0)
        let error = StylePalette.spec(for: .error, mode: .monochrome, terminalColors: 0)
        #expect(selection.attributes == [.reverse] && error != selection)
    }

    @Test func keyTranslation() {
        #expect(KeyTranslation.key(forFunctionKey: KEY_UP) == .up)
        #expect(KeyTranslation.key(forFunctionKey: KEY_NPAGE) == .pageDown)
        #expect(KeyTranslation.key(forFunctionKey: KEY_BTAB) == .backTab)
        #expect(KeyTranslation.key(forFunctionKey: KEY_F0 + 5) == nil)
        #expect(KeyTranslation.key(for: "\r") == .enter)
        #expect(KeyTranslation.key(for: "\u{7F}") == .backspace)
        #expect(KeyTranslation.key(for: "\u{1B}") == .escape)
        #expect(KeyTranslation.key(for: "\u{1}") == nil)
        #expect(KeyTranslation.key(for: "寝") == .character("寝"))
    }
}
