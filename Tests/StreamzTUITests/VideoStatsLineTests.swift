import Foundation
import StreamzProtocol
import Testing
@testable import StreamzTUI

@Suite("Video views: stats line and sparklines")
struct VideoStatsLineTests {
    let t0 = MonitorFixture.t0

    @Test func sparklineScalesMinimumToMaximum() {
        #expect(Sparkline.scale([0, 1, 2, 3, 4, 5, 6, 7]) == Array("▁▂▃▄▅▆▇█"))
        #expect(Sparkline.scale([100, 200, nil, 150]) == Array("▁█ ▅"))
        // A steady value is a flat line at the bottom, not noise at full height.
        #expect(Sparkline.scale([42, 42, 42]) == Array("▁▁▁"))
        #expect(Sparkline.scale([nil, nil]) == Array("  "))
    }

    @Test func sparklineBinsTheWindowAndDropsOldSamples() {
        let samples = [
            StatsSample(at: t0.addingTimeInterval(-70), latencyMs: 999, bitrateKbps: nil),  // outside the minute
            StatsSample(at: t0.addingTimeInterval(-59), latencyMs: 100, bitrateKbps: nil),
            StatsSample(at: t0.addingTimeInterval(-31), latencyMs: 300, bitrateKbps: nil),
            StatsSample(at: t0.addingTimeInterval(-29), latencyMs: 200, bitrateKbps: nil),
            StatsSample(at: t0.addingTimeInterval(-28), latencyMs: 400, bitrateKbps: nil),
            StatsSample(at: t0, latencyMs: 500, bitrateKbps: nil),
            StatsSample(at: t0.addingTimeInterval(5), latencyMs: 1, bitrateKbps: nil),  // after the end
        ]
        // Four 15 s bins: 100 | 300 | mean(200, 400) = 300 | 500.
        let line = Sparkline.render(samples, value: \.latencyMs, width: 4, window: 60, end: t0)
        #expect(line == "▁▅▅█")
        #expect(Sparkline.render(samples, value: \.bitrateKbps, width: 4, window: 60, end: t0) == "    ")
        #expect(Sparkline.render(samples, value: \.latencyMs, width: 0, window: 60, end: t0) == "")
    }

    @Test func historyKeepsTheLastMinute() {
        var history = StatsHistory()
        for second in 0..<90 {
            history.record(SessionStats(latencyMs: Double(second), updatedAt: t0.addingTimeInterval(Double(second))), at: t0)
        }
        history.record(SessionStats(rttMs: 3), at: t0)  // nothing to chart
        #expect(history.samples.count == 61)
        #expect(history.samples.first?.latencyMs == 29)
        #expect(history.windowEnd(now: t0) == t0.addingTimeInterval(89))
        #expect(history.windowEnd(now: t0.addingTimeInterval(100)) == t0.addingTimeInterval(100))
    }

    @Test func statsLineMarksEstimatesAndColoursByQuality() {
        let stats = SessionStats(rttMs: 260, latencyMs: 150, latencyEstimated: true, connectionType: .relay,
                                 localCandidateType: .relay, remoteCandidateType: .host, transport: "udp",
                                 packetLossRatio: 0.05, bitrateKbps: 1500, framesPerSecond: 11.6, width: 1280, height: 720)
        var grid = ScreenGrid(rows: 2, columns: 110)
        StatsLineView.draw(stats, compact: false, row: 0, column: 0, width: 110, into: &grid)
        #expect(grid.lines[0].trimmingCharacters(in: .whitespaces)
            == "latency ~150 ms · rtt 260 ms · relay relay→host udp · 12 fps · 1280x720 · 1.5 Mbps · loss 5.0%")
        #expect(grid[0, 0].style == .online)     // 150 ms: good
        #expect(grid[0, 18].style == .error)     // rtt 260: poor
        #expect(grid[0, 31].style == .warning)   // relay: fair
        #expect(grid[0, 54].style == .error)     // 11.6 fps (shown rounded): poor
        #expect(grid[0, 85].style == .error)     // 5 % loss: poor
        StatsLineView.draw(stats, compact: true, row: 1, column: 0, width: 110, into: &grid)
        #expect(grid.lines[1].trimmingCharacters(in: .whitespaces) == "~150ms rtt260 relay 12fps 1.5M loss5.0%")
        let exact = SessionStats(latencyMs: 80, latencyEstimated: false)
        #expect(StatsLineView.segments(exact, compact: false) == [.init(text: "latency 80 ms", style: .online)])
    }

    @Test func qualityThresholds() {
        #expect(LinkQuality.latency(199.9) == .good && LinkQuality.latency(200) == .fair && LinkQuality.latency(500) == .poor)
        #expect(LinkQuality.rtt(99) == .good && LinkQuality.rtt(100) == .fair && LinkQuality.rtt(250) == .poor)
        #expect(LinkQuality.loss(0.0099) == .good && LinkQuality.loss(0.01) == .fair && LinkQuality.loss(0.05) == .poor)
        #expect(LinkQuality.framesPerSecond(24) == .good && LinkQuality.framesPerSecond(12) == .fair
            && LinkQuality.framesPerSecond(11.9) == .poor)
        #expect(LinkQuality.connection(.p2p) == .good && LinkQuality.connection(.relay) == .fair)
    }

    @Test func sparklinesFollowTheSessionsStats() throws {
        var state = MonitorFixture.signedIn()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(MonitorFixture.session(50, device: MonitorFixture.attic, state: .connected))))
        for (second, latency) in [(0, 100.0), (20, 300), (40, 200), (59, 400)] {
            let at = t0.addingTimeInterval(Double(second))
            _ = state.reduce(.tick(at))
            _ = state.reduce(.client(.sessionStats(sessionId: MonitorFixture.uuid(50),
                                                   SessionStats(latencyMs: latency, bitrateKbps: 800))))
        }
        // Stats of a session not on show are not kept.
        _ = state.reduce(.client(.sessionStats(sessionId: MonitorFixture.uuid(99), SessionStats(latencyMs: 1))))
        #expect(state.video.history.count == 1)
        let history = try #require(state.video.history[MonitorFixture.uuid(50)])
        #expect(history.samples.count == 4)
        var grid = ScreenGrid(rows: 1, columns: 20)
        StatsLineView.drawSparklines(history, now: state.now, row: 0, column: 0, width: 20, into: &grid)
        // 5 columns a sparkline over a minute: 12 s bins.
        #expect(grid.lines[0] == "lat ▁▆ ▃█ kbps ▁▁▁▁ ")
    }
}
