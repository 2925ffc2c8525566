import Testing
@testable import StreamzRTC

@Suite("Media sessions over a simulated network", .serialized)
struct MediaSessionSimulatedTests {
    @Test("5 % loss and 30 ms jitter: at least 95 % of frames decoded, NACKs sent and answered over RTX")
    func lossyNetwork() throws {
        let harness = try MediaSessionHarness(seed: 21, quality: .medium, loss: 0.05, delay: 10...40)
        try harness.run(for: .seconds(8))
        let sent = harness.sender.stats(now: harness.network.now)
        let bitrate = try #require(harness.receiver.stats(now: harness.network.now).bitrateKbps)
        #expect(bitrate > 400 && bitrate < 1500, "\(bitrate) kbit/s received")
        // Let the last frames and retransmissions land before counting.
        harness.sendsVideo = false
        harness.sendsAudio = false
        try harness.run(for: .milliseconds(600))
        let received = harness.receiver.stats(now: harness.network.now)
        #expect(sent.framesSent > 200)
        #expect(Double(received.framesDecoded) >= 0.95 * Double(sent.framesSent), "\(received.framesDecoded) of \(sent.framesSent)")
        // Loss makes NACKs necessary: they are sent, answered as RTX, and the RTX is unwrapped.
        #expect(received.nacksSent > 0 && received.nackedPackets >= received.nacksSent)
        #expect(sent.nacksReceived > 0 && sent.retransmissions > 0)
        #expect(received.retransmittedPacketsReceived > 0)
        #expect(harness.receiver.dropCounts.isEmpty, "\(harness.receiver.dropCounts)")
        // The stats carry what PROTOCOL.md asks for.
        #expect(received.width == 640 && received.height == 480)
        #expect(received.latencyEstimated == false)
        let latency = try #require(received.latencyMs)
        #expect(latency > 10 && latency < 600, "latency \(latency) ms")
        #expect(try #require(received.rttMs) > 0)
        #expect(try #require(received.jitterMs) > 0)
        #expect(received.firstVideoFrameAt != nil && received.firstAudioAt != nil)
        // Unrecovered loss is small: most of the 5 % came back by retransmission.
        #expect(try #require(received.packetLossRatio) < 0.05)
        // The device learnt the RTT from the viewer's RR (RFC 3550 §6.4.1 LSR/DLSR).
        #expect(try #require(sent.rttMs) > 10)
        #expect(sent.bitrateKbps > 400 && sent.framesPerSecond >= 25)
    }

    @Test("same seed, same run; another seed, another run")
    func deterministic() throws {
        func run(_ seed: UInt64) throws -> ([String], MediaStats) {
            let harness = try MediaSessionHarness(seed: seed, quality: .low, loss: 0.05, delay: 10...40)
            try harness.run(for: .seconds(3))
            return (harness.trace, harness.receiver.stats(now: harness.network.now))
        }
        let first = try run(5)
        let second = try run(5)
        let other = try run(6)
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
        #expect(first.0 != other.0)
        #expect(first.0.count > 100)
    }

    @Test("an outage longer than NACK can repair: the viewer gives up, sends PLI, a keyframe restores the picture")
    func outageNeedsKeyframe() throws {
        let harness = try MediaSessionHarness(seed: 8, quality: .medium, loss: 0, delay: 10...20)
        try harness.run(for: .seconds(2))
        let keyframesBefore = harness.sender.stats(now: harness.network.now).keyframesSent
        let decodedBefore = harness.frames.count
        // 4 s of nothing from the device: about 350 packets, more than the jitter buffer
        // NACKs in one gap (`maxNackGap` 256), so only a keyframe can restore the picture.
        harness.network.unreachable = [0]
        try harness.run(for: .seconds(4))
        harness.network.unreachable = []
        try harness.run(for: .seconds(3))
        let sent = harness.sender.stats(now: harness.network.now)
        let received = harness.receiver.stats(now: harness.network.now)
        #expect(received.plisSent > 0)
        #expect(sent.keyframeRequests > 0)
        #expect(sent.keyframesSent > keyframesBefore)
        #expect(harness.deviceEvents.contains(.keyframeRequested))
        let after = harness.frames[decodedBefore...]
        #expect(after.contains { $0.isKeyframe })
        #expect(after.count > 30, "\(after.count) frames after the outage")
    }

    @Test("a live quality change reaches the decoded resolution without renegotiation")
    func liveQualityChange() throws {
        let harness = try MediaSessionHarness(seed: 3, quality: .medium, loss: 0.02, delay: 10...30)
        try harness.run(for: .seconds(1))
        #expect(harness.frames.last.map { ($0.frame.width, $0.frame.height) } ?? (0, 0) == (640, 480))
        harness.device.sender?.setQuality(.low, now: harness.network.now)
        try harness.run(for: .seconds(1))
        #expect(harness.frames.last.map { ($0.frame.width, $0.frame.height) } ?? (0, 0) == (320, 240))
        #expect(harness.deviceEvents.contains(.videoTargetChanged(QualityPreset.low.video)))
        harness.device.sender?.setQuality(.high, now: harness.network.now)
        try harness.run(for: .seconds(1))
        #expect(harness.frames.last.map { ($0.frame.width, $0.frame.height) } ?? (0, 0) == (1280, 720))
        let stats = harness.receiver.stats(now: harness.network.now)
        #expect(stats.width == 1280 && stats.height == 720)
        #expect(stats.plisSent == 0)  // each size change came with its own keyframe
    }

    @Test("the tone's level survives the round trip: about -15 dBFS RMS, -12 dBFS peak")
    func audioLevel() throws {
        let harness = try MediaSessionHarness(seed: 4, quality: .medium, loss: 0, delay: 10...40, kinds: [.audio])
        try harness.run(for: .seconds(2))
        let stats = harness.receiver.stats(now: harness.network.now)
        let level = try #require(stats.audioLevelDb)
        #expect(abs(level - -15.05) < 0.5, "RMS over the last second \(level) dBFS")
        let windows = harness.audio.suffix(25).flatMap(\.levels)
        #expect(windows.count >= 20)
        for window in windows {
            #expect(abs(window.rmsDBFS - -15.05) < 1, "20 ms RMS \(window.rmsDBFS)")
            #expect(abs(window.peakDBFS - -12.04) < 1.5, "20 ms peak \(window.peakDBFS)")
        }
        // The sender's RFC 6464 level arrived with the packets: 15 dB below overload.
        let indicated = try #require(harness.audio.last?.senderLevel)
        #expect(indicated.level == 15 && indicated.voiceActivity)
        #expect(stats.framesDecoded == 0 && stats.framesPerSecond == 0)
    }
}
