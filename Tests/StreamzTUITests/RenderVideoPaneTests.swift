import StreamzRTC
import Testing
@testable import StreamzTUI

@Suite("Render: video pane (pacer + renderer + writer)")
struct RenderVideoPaneTests {
    typealias F = RenderFixture

    private func at(_ ms: Int64) -> Instant { Instant(nanoseconds: ms * 1_000_000) }

    @Test("draws, then writes nothing for the same frame, then only what changed")
    func flow() {
        var pane = VideoPane(origin: PaneOrigin(row: 1, column: 0), columns: 8, rows: 4)
        let white = F.frame(width: 16, height: 16, color: F.white)
        let first = pane.frameArrived(white, at: at(0))
        #expect(!first.isEmpty)
        pane.didWrite(bytes: first.count, acceptedInTime: true, at: at(1))
        #expect(pane.frameArrived(white, at: at(34)).isEmpty)
        // The empty write completed at once: the next frame is not held back.
        let red = F.frame(width: 16, height: 16, color: F.red)
        let second = pane.frameArrived(red, at: at(67))
        #expect(!second.isEmpty)
        #expect(second.count <= first.count)
    }

    @Test("a frame offered while a write is outstanding is dropped, not queued")
    func dropWhileWriting() {
        var pane = VideoPane(origin: PaneOrigin(row: 0, column: 0), columns: 4, rows: 2)
        #expect(!pane.frameArrived(F.frame(width: 8, height: 8, color: F.white), at: at(0)).isEmpty)
        #expect(pane.frameArrived(F.frame(width: 8, height: 8, color: F.red), at: at(34)).isEmpty)
    }

    @Test("a late write forces the next drawn frame to be written in full")
    func lateWrite() {
        var pane = VideoPane(origin: PaneOrigin(row: 0, column: 0), columns: 4, rows: 2)
        let white = F.frame(width: 8, height: 8, color: F.white)
        let first = pane.frameArrived(white, at: at(0))
        pane.didWrite(bytes: first.count, acceptedInTime: false, at: at(100))
        #expect(pane.frameArrived(white, at: at(134)).isEmpty)  // dropped: back-pressure
        #expect(pane.frameArrived(white, at: at(167)) == first)  // same picture, written again in full
    }

    @Test("relayout and blitter changes redraw the whole pane")
    func relayout() {
        var pane = VideoPane(origin: PaneOrigin(row: 0, column: 0), columns: 4, rows: 2)
        let white = F.frame(width: 8, height: 8, color: F.white)
        let first = pane.frameArrived(white, at: at(0))
        pane.didWrite(bytes: first.count, acceptedInTime: true, at: at(1))
        pane.relayout(origin: PaneOrigin(row: 3, column: 3), columns: 4, rows: 2)
        let moved = pane.frameArrived(white, at: at(34))
        #expect(String(decoding: moved, as: UTF8.self).contains("\u{1B}[4;4H"))
        pane.didWrite(bytes: moved.count, acceptedInTime: true, at: at(35))
        pane.setBlitter(.quadrant)
        #expect(pane.renderer.options.blitter == .quadrant)
        pane.redrawAll()
        #expect(!pane.frameArrived(white, at: at(67)).isEmpty)
    }
}
