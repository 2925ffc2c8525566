import Foundation
import StreamzProtocol
import Testing
@testable import StreamzTUI

@Suite("Monitor views: session panel, prompts, status")
struct MonitorPanelViewTests {
    typealias F = MonitorFixture

    func panelLines(_ state: MonitorState) -> [String] {
        let layout = MonitorLayout(state: state)
        return Array(MonitorView.render(state).lines[layout.panelTop..<(layout.panelTop + layout.panelRows)])
    }

    @Test func connectedPanelShowsTransitionsAndStats() {
        var state = F.signedIn(rows: 14, columns: 80)
        _ = state.reduce(.key(.down))
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .connecting))))
        _ = state.reduce(.tick(F.t0.addingTimeInterval(2)))
        let stats = SessionStats(rttMs: 41.6, latencyMs: 120, latencyEstimated: true, connectionType: .p2p,
                                 localCandidateType: .host, remoteCandidateType: .srflx, transport: "udp", jitterMs: 3,
                                 packetsLost: 2, packetLossRatio: 0.001, bitrateKbps: 812, framesPerSecond: 29.8,
                                 width: 640, height: 480, audioLevelDb: -15.1)
        _ = state.reduce(.client(.sessionUpdated(F.session(50, device: F.kitchen, state: .connected, stats: stats))))
        #expect(panelLines(state) == [
            "─ Session · Kitchen phone · video+audio · auto ─────────────────────────────────",
            " requested → connecting → connected                                             ",
            " connected since 11:06:42 · s stops                                             ",
            " latency ~120 ms · rtt 42 ms · p2p host→srflx udp · 30 fps · 640x480 · 812 kbps ",
            " lat              ▁ kbps             ▁  ♪ █████████████···· -15.1 pk -15.1      ",
        ])
        // Good figures are green (the `online` style), the audio bar's cells
        // below −18 dBFS too and those from −18 yellow.
        let grid = MonitorView.render(state)
        let row = MonitorLayout(state: state).panelTop + 3
        #expect(grid[row, 1].style == .online)
        #expect(grid[row + 1, 53].style == .online)
        #expect(grid[row + 1, 54].style == .warning)
    }

    @Test func failedPanelShowsTheReasonInTheErrorStyle() {
        var state = F.signedIn(rows: 14, columns: 60)
        _ = state.reduce(.key(.end))
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStartFailed(
            deviceId: F.bedroom.id, ErrorBody.Detail(code: "device_offline", message: "The device is offline."))))
        let lines = panelLines(state)
        #expect(lines[1] == " requested → failed                                         ")
        #expect(lines[2] == " failed: device_offline — The device is offline.            ")
        let grid = MonitorView.render(state)
        let layout = MonitorLayout(state: state)
        #expect(grid[layout.panelTop + 1, 13].style == .error)
        #expect(grid[layout.panelTop + 2, 1].style == .error)
    }

    @Test func renamePromptAndRemoveConfirmation() {
        var state = F.signedIn(rows: 12, columns: 40)
        _ = state.reduce(.key(.character("r")))
        _ = state.reduce(.key(.character("2")))
        var lines = MonitorView.render(state).lines
        #expect(lines[3] == " ┌─ Rename “Attic” ───────────────────┐ ")
        #expect(lines[4] == " │ Attic2▏                            │ ")
        #expect(lines[6] == " │ Enter saves · Esc cancels          │ ")
        _ = state.reduce(.key(.escape))
        _ = state.reduce(.key(.character("d")))
        lines = MonitorView.render(state).lines
        #expect(lines[4] == " │ Remove “Attic”?                    │ ")
        #expect(lines[6] == " │ y removes · n or Esc keeps it      │ ")
    }

    @Test func statusBarCountsDownTheReconnect() {
        var state = F.signedIn(rows: 12, columns: 60)
        _ = state.reduce(.client(.connection(.reconnecting(at: F.t0.addingTimeInterval(4)))))
        #expect(MonitorView.render(state).lines[11].hasSuffix("reconnecting in 4 s  11:06:40 "))
        _ = state.reduce(.tick(F.t0.addingTimeInterval(2.5)))
        #expect(MonitorView.render(state).lines[11].hasSuffix("reconnecting in 2 s  11:06:42 "))
        _ = state.reduce(.client(.connection(.connecting)))
        #expect(MonitorView.render(state).lines[11].hasSuffix("connecting…  11:06:42 "))
    }

    @Test func filterLineAndEmptyLists() {
        var state = F.signedIn(rows: 12, columns: 60)
        _ = state.reduce(.key(.character("/")))
        for character in "zz" { _ = state.reduce(.key(.character(character))) }
        let lines = MonitorView.render(state).lines
        #expect(lines[0].hasSuffix("filter: zz  (0 shown) "))
        #expect(lines[2].hasPrefix(" No device matches “zz”."))
        #expect(lines[10].hasPrefix(" /zz▏  Enter keeps · Esc clears"))
        let empty = F.signedIn([], rows: 12, columns: 80)
        #expect(MonitorView.render(empty).lines[2].hasPrefix(" No devices yet"))
    }

    @Test func agoFormatting() {
        #expect(Format.ago(F.t0, now: F.t0.addingTimeInterval(59.9)) == "59 s ago")
        #expect(Format.ago(F.t0, now: F.t0.addingTimeInterval(60)) == "1 min ago")
        #expect(Format.ago(F.t0, now: F.t0.addingTimeInterval(7200)) == "2 h ago")
        #expect(Format.ago(F.t0, now: F.t0.addingTimeInterval(3 * 86_400)) == "3 d ago")
        #expect(Format.ago(F.t0, now: F.t0.addingTimeInterval(-3)) == "just now")
        #expect(Format.presence(F.device(8, "x", online: false, lastSeen: nil), now: F.t0, compact: true) == "never seen")
    }
}
