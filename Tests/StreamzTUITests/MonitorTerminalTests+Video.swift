import Foundation
import StreamzProtocol
import Testing
@testable import StreamzTUI

extension MonitorTerminalTests {
    @Test func gridDrawsEachSessionInItsOwnPaneAndSharesTheBudget() async throws {
        let pty = try PTY()
        defer { pty.close() }
        let cams = [F.device(11, "cam A", online: true), F.device(12, "cam B", online: true)]
        let server = FakeMonitorServer(devices: cams)
        let terminal = try Terminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color", colorMode: .palette256)
        defer { terminal.close() }
        let sink = try MonitorEventSink()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var pacing = FramePacer.Configuration()
        pacing.maxKbps = 800
        let loop = MonitorLoop(terminal: terminal, state: F.signedIn(cams), handler: server, sink: sink,
                               configuration: .init(maxRedrawsPerSecond: .infinity, videoPacing: pacing,
                                                    snapshotDirectory: directory),
                               wallClock: { F.t0 })
        // Start cam A, open the grid, add cam B.
        pty.type("\r")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(await loop.step(waitMilliseconds: 500))
        pty.type("gj\r")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.gridSessions.map(\.state) == [.connected, .connected])
        #expect(Set(loop.panes.keys) == [F.uuid(501), F.uuid(502)])
        #expect(loop.panes.values.allSatisfy { $0.pacer.configuration.maxKbps == 400 })
        _ = pty.drain()

        // One frame each arrives before the loop looks: both are drawn, each in its own pane.
        sink.sendFrame(RenderFixture.frame(width: 64, height: 48, color: RenderFixture.red), sessionId: F.uuid(501))
        sink.sendFrame(RenderFixture.frame(width: 64, height: 48, color: RenderFixture.blue), sessionId: F.uuid(502))
        #expect(await loop.step(waitMilliseconds: 500))
        let output = pty.drain()
        #expect(output.components(separatedBy: "\u{1B}7").count - 1 == 2)
        #expect(output.contains("5;196m") && output.contains("5;21m"))
        let areas = loop.state.videoAreas
        #expect(areas.count == 2 && areas[0].origin.column == 0 && areas[1].origin.column > 0)
        // Cam B's pane starts at its cell's column (CUP is 1-based).
        #expect(output.contains("\u{1B}[\(areas[1].origin.row + 1);\(areas[1].origin.column + 1)H"))

        // Audio levels reach the meters through the sink, the newest of each session.
        sink.sendAudioLevel(rmsDb: -30, peakDb: -20, sessionId: F.uuid(501))
        sink.sendAudioLevel(rmsDb: -12, peakDb: -0.2, sessionId: F.uuid(501))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(loop.state.video.meters[F.uuid(501)]?.rmsDb == -12)
        #expect(loop.state.video.meters[F.uuid(501)]?.clipping(at: F.t0) == true)
        // A grid cell's meter is a bar only, ending in a red "!" while clipping.
        let screen = MonitorView.render(loop.state)
        let cell = try #require(loop.state.gridCells.first)
        let statsRow = try #require(cell.statsRow)
        #expect(screen[statsRow, cell.left + cell.columns - 1] == ScreenCell("!", style: .error))
        _ = pty.drain()

        // `p` saves the focused session's (cam B's) frame and says where.
        pty.type("p")
        #expect(await loop.step(waitMilliseconds: 500))
        let saved = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(saved == ["streamz-cam-B-20261118-110640.png"])
        #expect(loop.state.notice?.text == "Saved the frame to " + directory.appendingPathComponent(saved.first ?? "").path)

        // Closing the grid ends cam A and drops its pane; the budget is whole again.
        pty.type("g")
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(await loop.step(waitMilliseconds: 500))
        #expect(server.commands.contains(.endSession(sessionId: F.uuid(501))))
        #expect(Set(loop.panes.keys) == [F.uuid(502)])
        #expect(loop.panes[F.uuid(502)]?.pacer.configuration.maxKbps == 800)
    }
}
