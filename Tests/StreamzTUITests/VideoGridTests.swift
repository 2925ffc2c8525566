import Foundation
import StreamzProtocol
import Testing
@testable import StreamzTUI

@Suite("Video views: grid, full screen and the reducer's several sessions")
struct VideoGridTests {
    typealias F = MonitorFixture

    static let cams = (11...15).map { F.device($0, "cam \($0)", online: true) }

    /// Signed in with five online cameras and sessions started and
    /// connected on the first `count` of them in grid mode (ids 50, 51, ...).
    func gridState(sessions count: Int, rows: Int = 24, columns: Int = 80) -> MonitorState {
        var state = F.signedIn(Self.cams, rows: rows, columns: columns)
        _ = state.reduce(.key(.character("g")))
        for index in 0..<count {
            state.select(index: index)
            _ = state.reduce(.key(.enter))
            _ = state.reduce(.client(.sessionStarted(F.session(50 + index, device: Self.cams[index], state: .connected))))
        }
        return state
    }

    @Test func layoutForOneToFourSessions() {
        #expect(GridLayout.cells(count: 1, top: 5, rows: 10, columns: 80) == [GridCell(top: 5, left: 0, rows: 10, columns: 80)])
        // Wide room: side by side, one blank column between.
        #expect(GridLayout.cells(count: 2, top: 5, rows: 10, columns: 80)
            == [GridCell(top: 5, left: 0, rows: 10, columns: 39), GridCell(top: 5, left: 40, rows: 10, columns: 40)])
        // Tall room: one above the other.
        #expect(GridLayout.cells(count: 2, top: 0, rows: 20, columns: 40)
            == [GridCell(top: 0, left: 0, rows: 10, columns: 40), GridCell(top: 10, left: 0, rows: 10, columns: 40)])
        let four = GridLayout.cells(count: 4, top: 2, rows: 11, columns: 81)
        #expect(four == [GridCell(top: 2, left: 0, rows: 5, columns: 40), GridCell(top: 2, left: 41, rows: 5, columns: 40),
                         GridCell(top: 7, left: 0, rows: 6, columns: 40), GridCell(top: 7, left: 41, rows: 6, columns: 40)])
        #expect(four.map(\.videoRows) == [3, 3, 4, 4])
        #expect(four.map(\.statsRow) == [6, 6, 12, 12])
        #expect(GridLayout.cells(count: 3, top: 0, rows: 10, columns: 80).count == 3)
        #expect(GridLayout.cells(count: 9, top: 0, rows: 10, columns: 80).count == 4)
        #expect(GridLayout.cells(count: 0, top: 0, rows: 10, columns: 80).isEmpty)
        #expect(GridLayout.cells(count: 2, top: 0, rows: 0, columns: 80).isEmpty)
        // Too short for a picture: title and stats only; one row: title only.
        #expect(GridCell(top: 0, left: 0, rows: 3, columns: 20).videoRows == 0)
        #expect(GridCell(top: 0, left: 0, rows: 1, columns: 20).statsRow == nil)
    }

    @Test func gridKeepsSessionsInsteadOfEndingThem() {
        var state = F.signedIn(Self.cams)
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: Self.cams[0], state: .connected))))
        // Without the grid a new start ends the current session...
        var single = state
        single.select(index: 1)
        #expect(single.reduce(.key(.enter)).first == .endSession(sessionId: F.uuid(50)))
        // ...with it, the current one moves to the background.
        _ = state.reduce(.key(.character("g")))
        #expect(state.showsGrid)
        state.select(index: 1)
        #expect(state.reduce(.key(.enter)) == [.startSession(deviceId: Self.cams[1].id, type: .both, quality: .auto)])
        #expect(state.video.background.map(\.sessionId) == [F.uuid(50)])
        _ = state.reduce(.client(.sessionStarted(F.session(51, device: Self.cams[1], state: .connected))))
        #expect(state.gridSessions.map(\.sessionId) == [F.uuid(50), F.uuid(51)])
        // The same device twice is refused.
        state.select(index: 0)
        #expect(state.reduce(.key(.enter)) == [])
        #expect(state.notice?.text == "cam 11 is already in the grid.")
    }

    @Test func gridHoldsFourAndRoutesEventsToBackgroundSessions() {
        var state = gridState(sessions: 4)
        #expect(state.gridSessions.count == 4)
        state.select(index: 4)
        #expect(state.reduce(.key(.enter)) == [])
        #expect(state.notice?.text.hasPrefix("The grid holds 4 sessions") == true)
        let stats = SessionStats(latencyMs: 90, bitrateKbps: 700)
        _ = state.reduce(.client(.sessionStats(sessionId: F.uuid(50), stats)))
        #expect(state.video.background.first?.stats == stats)
        #expect(state.video.history[F.uuid(50)]?.samples.count == 1)
        _ = state.reduce(.client(.sessionEnded(sessionId: F.uuid(51), reason: "device_offline")))
        #expect(state.gridSessions.map(\.sessionId) == [F.uuid(50), F.uuid(52), F.uuid(53)])
        #expect(state.notice?.text == "cam 12: ended.")
        // The focused session ends: the newest other one takes the focus.
        #expect(state.reduce(.key(.character("s"))) == [.endSession(sessionId: F.uuid(53))])
        _ = state.reduce(.client(.sessionEnded(sessionId: F.uuid(53), reason: nil)))
        #expect(state.session?.sessionId == F.uuid(52))
        #expect(state.gridSessions.map(\.sessionId) == [F.uuid(50), F.uuid(52)])
    }

    @Test func tabMovesTheFocusAndTheCellsStayPut() {
        var state = gridState(sessions: 3)
        let order = state.gridSessions.map(\.sessionId)
        #expect(state.session?.sessionId == F.uuid(52))
        _ = state.reduce(.key(.tab))
        #expect(state.session?.sessionId == F.uuid(50))
        _ = state.reduce(.key(.tab))
        #expect(state.session?.sessionId == F.uuid(51))
        #expect(state.gridSessions.map(\.sessionId) == order)
        _ = state.reduce(.key(.backTab))
        #expect(state.session?.sessionId == F.uuid(50))
        #expect(state.reduce(.key(.character("s"))) == [.endSession(sessionId: F.uuid(50))])
        #expect(state.video.background.count == 2)
        // Without the grid, Tab does nothing.
        var single = F.signedIn(Self.cams)
        let before = single
        _ = single.reduce(.key(.tab))
        #expect(single == before)
    }

    @Test func leavingTheGridOrQuittingEndsTheOtherSessions() {
        var state = gridState(sessions: 3)
        var quitting = state
        #expect(state.reduce(.key(.character("g"))) == [.endSession(sessionId: F.uuid(50)), .endSession(sessionId: F.uuid(51))])
        #expect(!state.showsGrid && state.video.background.isEmpty)
        #expect(state.session?.sessionId == F.uuid(52))
        #expect(quitting.reduce(.key(.character("q")))
            == [.endSession(sessionId: F.uuid(50)), .endSession(sessionId: F.uuid(51)), .endSession(sessionId: F.uuid(52)), .quit])
        var signedOut = gridState(sessions: 2)
        _ = signedOut.reduce(.client(.signedOut(reason: nil)))
        #expect(signedOut.video == VideoState())
    }

    @Test func gridVideoAreasMatchTheCells() {
        let state = gridState(sessions: 3)
        let layout = MonitorLayout(state: state)
        #expect(layout.listRows >= 3)
        let areas = state.videoAreas
        #expect(areas.map(\.sessionId) == [F.uuid(50), F.uuid(51), F.uuid(52)])
        let cells = state.gridCells
        for (area, cell) in zip(areas, cells) {
            #expect(area.origin == PaneOrigin(row: cell.videoTop, column: cell.left))
            #expect(area.rows == cell.videoRows && area.columns == cell.columns)
        }
        // The help would be drawn over: no video while it is open.
        var help = state
        _ = help.reduce(.key(.character("?")))
        #expect(help.videoAreas.isEmpty)
    }

    @Test func gridGolden() {
        var state = gridState(sessions: 2, rows: 20, columns: 60)
        _ = state.reduce(.client(.sessionStats(sessionId: F.uuid(50), SessionStats(
            rttMs: 20, latencyMs: 80, latencyEstimated: true, connectionType: .p2p, bitrateKbps: 900, framesPerSecond: 30))))
        _ = state.reduce(.tick(F.t0.addingTimeInterval(6)))  // the notice times out
        state.applyAudioLevel(sessionId: F.uuid(51), rmsDb: -20, peakDb: -10, at: F.t0.addingTimeInterval(6))
        let lines = MonitorView.render(state).lines
        let layout = MonitorLayout(state: state)
        #expect(Array(lines[layout.panelTop..<layout.messageRow]) == [
            "─ Grid · 2 of 4 sessions · g closes ────────────────────────",
            "  cam 11                      ▶ cam 12                      ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            "                                                            ",
            // Whole figures only; the meters shrink to bars (none yet for cam 11).
            " ~80ms rtt20 p2p    ♪ ·······                     ♪ █████·│·",
        ])
    }

    @Test func tinyTerminalsShowTheGridWithoutPictures() {
        let state = gridState(sessions: 4, rows: 12, columns: 40)
        #expect(state.videoAreas.isEmpty)
        let lines = MonitorView.render(state).lines
        #expect(lines.contains { $0.contains("cam 11") } && lines.contains { $0.contains("cam 14") })
        for (rows, columns) in [(12, 40), (13, 41), (30, 200)] {
            var resized = state
            _ = resized.reduce(.resize(rows: rows, columns: columns))
            for area in resized.videoAreas {
                #expect(area.origin.row + area.rows <= MonitorLayout(state: resized).messageRow)
                #expect(area.origin.column + area.columns <= columns)
            }
        }
    }

    @Test func fullscreenTogglesWithFAndEscape() {
        var state = F.signedIn(Self.cams)
        #expect(state.reduce(.key(.character("f"))) == [])
        #expect(!state.video.fullscreen)
        #expect(state.notice?.text == "No video session to show full screen.")
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: Self.cams[0], state: .connected))))
        _ = state.reduce(.key(.character("f")))
        #expect(state.showsFullscreen)
        #expect(state.videoAreas == [VideoArea(sessionId: F.uuid(50), origin: PaneOrigin(row: 0, column: 0), columns: 80, rows: 22)])
        // The hidden list does not move.
        let selected = state.selectedId
        _ = state.reduce(.key(.down))
        _ = state.reduce(.click(row: 3, column: 3))
        #expect(state.selectedId == selected)
        _ = state.reduce(.key(.escape))
        #expect(!state.showsFullscreen)
        _ = state.reduce(.key(.character("f")))
        _ = state.reduce(.key(.character("f")))
        #expect(!state.showsFullscreen)
        // Full screen ends with the session.
        _ = state.reduce(.key(.character("f")))
        _ = state.reduce(.client(.sessionEnded(sessionId: F.uuid(50), reason: nil)))
        #expect(!state.showsFullscreen && state.videoAreas.isEmpty)
    }

    @Test func fullscreenGolden() {
        var state = F.signedIn(Self.cams, rows: 12, columns: 60)
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: Self.cams[0], state: .connected, stats: SessionStats(
            rttMs: 20, latencyMs: 600, connectionType: .relay, framesPerSecond: 30)))))
        _ = state.reduce(.key(.character("f")))
        let grid = MonitorView.render(state)
        #expect(Array(grid.lines[0..<10]) == Array(repeating: String(repeating: " ", count: 60), count: 10))
        #expect(grid.lines[10] == " cam 11 latency 600 ms · rtt 20 ms · relay · 30 fps         ")
        // Sparklines in the left half (one report so far: one mark), the meter in the right.
        #expect(grid.lines[11] == " lat         ▁ kbps           ♪ no level                    ")
        #expect(grid[10, 8].style == .error)
        _ = state.reduce(.key(.character("p")))
        #expect(state.video.snapshotRequest == F.uuid(50))
        #expect(state.takeSnapshotRequest() == F.uuid(50))
        #expect(state.video.snapshotRequest == nil)
        state.snapshotFinished(savedTo: "/tmp/x.png", error: nil)
        #expect(MonitorView.render(state).lines[11].hasPrefix(" Saved the frame to /tmp/x.png"))
    }
}
