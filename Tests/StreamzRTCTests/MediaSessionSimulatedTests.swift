import Testing
@testable import StreamzRTC

@Suite("Media sessions over a simulated network", .serialized)
struct MediaSessionSimulatedTests {
    @Test("5 % loss and 30 ms jitter: at least 95 % of frames decoded, NACKs sent and answered over RTX", arguments: [21, 22, 23, 24] as [UInt64])
    func lossyNetwork(seed: UInt64) throws {
        let harness = try MediaSessionHarness(seed: seed, quality: .medium, loss: 0.05, delay: 10...40)
        try harness.run(for: .seconds(8))
        let sent = harness.sender.stats(now: harness.network.now)
        let bitrate = try #require(harness.receiver.stats(now: harness.network.now).bitrateKbps)
        #expect(bitrate > 400 && bitrate < 1500, "\(bitrate) kbit/s received")
        // Let the last frames and retransmissions land before counting.
        harness.sendsVideo = false
        harness.sendsAudio = false
        try harness.run(for: .milliseconds(600))
        let received = harness.receiver.stats(now: harness.network.now)
        print("5 % loss, 30 ms jitter, seed \(seed): \(received.framesDecoded) of \(sent.framesSent) frames decoded, "
              + "\(received.nacksSent) NACKs, \(sent.retransmissions) retransmissions, \(received.plisSent) PLIs")
        #expect(sent.framesSent > 200)
        #expect(Double(received.framesDecoded) >= 0.95 * Double(sent.framesSent), "\(received.framesDecoded) of \(sent.framesSent)")
        // Loss makes NACKs necessary: they are sent, answered as RTX, and the RTX is unwrapped.
        #expect(received.nacksSent > 0 && received.nackedPackets >= received.nacksSent)
        #expect(sent.nacksReceived > 0 && sent.retransmissions > 0)
        #expect(received.retransmittedPacketsReceived > 0)
        #expect(harness.receiver.dropCounts.isEmpty, "\(harness.receiver.dropCounts)")
        // The NACK timer learnt the path's reordering from RTX-marked originals: 30 ms of jitter
        // alone does not trigger retransmissions (before it did, about three per real loss).
        #expect(sent.retransmissions * 10 < sent.packetsSent, "\(sent.retransmissions) retransmissions")
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
        // REMB reached the device, and 30 ms of random jitter on an unloaded path was not taken for congestion.
        let remb = Double(try #require(sent.remoteEstimateBitsPerSecond)) / 1000
        #expect(remb > 0.8 * sent.bitrateKbps, "REMB \(remb) kbit/s for \(sent.bitrateKbps) sent")
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
        harness.device.setQuality(.low, now: harness.network.now)
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
        // Without video the latency comes from the audio's abs-capture-time: 10-40 ms on the way.
        #expect(stats.latencyEstimated == false)
        let latency = try #require(stats.latencyMs)
        #expect(latency >= 10 && latency <= 40 + 60, "\(latency) ms")
        // The level is the last second's: once the tone stops it is unknown again.
        harness.sendsAudio = false
        try harness.run(for: .milliseconds(1200))
        #expect(harness.receiver.stats(now: harness.network.now).audioLevelDb == nil)
    }

    @Test("`auto` follows the viewer's REMB: the target moves off medium's 800 kbit/s and the picture follows the target")
    func autoFollowsREMB() throws {
        let harness = try MediaSessionHarness(seed: 17, quality: .auto, loss: 0, delay: 10...15)
        try harness.run(for: .seconds(5))
        let sent = harness.sender.stats(now: harness.network.now)
        let estimate = try #require(sent.remoteEstimateBitsPerSecond)
        let target = harness.sender.videoTarget
        // Video gets 95 % of the estimate less audio's 48 kbit/s (within the 5 % the sender ignores).
        let expected = Double(estimate) * 0.95 / 1000 - 48
        #expect(abs(Double(target.bitrateKbps) - expected) <= 0.06 * expected, "target \(target), REMB \(estimate)")
        #expect(target.bitrateKbps != 800)
        let changes = harness.deviceEvents.compactMap { if case .videoTargetChanged(let target) = $0 { target } else { nil } }
        #expect(changes.last == target)
        let last = try #require(harness.frames.last)
        #expect(last.frame.width == target.width && last.frame.height == target.height)
    }
}
