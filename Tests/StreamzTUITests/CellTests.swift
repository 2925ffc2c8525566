import Testing
@testable import StreamzTUI

@Suite("Cell")
struct CellTests {
    @Test("a blank cell is a space, white on black")
    func blank() {
        #expect(Cell.blank.character == " ")
        #expect(Cell.blank.foreground == RGB(255, 255, 255))
        #expect(Cell.blank.background == RGB(0, 0, 0))
    }
}
