import Testing
@testable import StreamzRTC

@Suite("Media building blocks")
struct MediaBuildingBlockTests {
    @Test("quality presets carry PROTOCOL.md's numbers")
    func presets() {
        #expect(QualityPreset.low.video == VideoTarget(width: 320, height: 240, framesPerSecond: 15, bitrateKbps: 250))
        #expect(QualityPreset.medium.video == VideoTarget(width: 640, height: 480, framesPerSecond: 30, bitrateKbps: 800))
        #expect(QualityPreset.high.video == VideoTarget(width: 1280, height: 720, framesPerSecond: 30, bitrateKbps: 2000))
        #expect(QualityPreset.auto.video == QualityPreset.medium.video)
        #expect(QualityPreset.low.audioBitrate == 32_000 && QualityPreset.high.audioBitrate == 64_000)
        #expect(QualityPreset(rawValue: "auto") == .auto && QualityPreset(rawValue: "ultra") == nil)
        #expect(QualityPreset.fitting(videoKbps: 200) == .low)
        #expect(QualityPreset.fitting(videoKbps: 700) == .medium)
        #expect(QualityPreset.fitting(videoKbps: 1900) == .high)
    }

    @Test("RTX (RFC 4588 §4) round-trips; a packet too short for the OSN is rejected")
    func rtx() throws {
        var extensions = RTPHeaderExtensions()
        extensions.set(MidExtension(mid: "0"), id: 1)
        let original = RTPPacket(header: RTPHeader(marker: true, payloadType: 96, sequenceNumber: 0xABCD, timestamp: 1234,
                                                   ssrc: 5, extensions: extensions), payload: [1, 2, 3])
        let rtx = original.retransmission(payloadType: 97, ssrc: 6, sequenceNumber: 17)
        #expect(rtx.payload == [0xAB, 0xCD, 1, 2, 3])
        #expect(rtx.header.sequenceNumber == 17 && rtx.header.timestamp == 1234 && rtx.header.marker)
        #expect(try RTPPacket(unwrappingRetransmission: rtx, mediaPayloadType: 96, mediaSSRC: 5) == original)
        let reparsed = try RTPPacket(parsing: try rtx.serialized())
        #expect(try RTPPacket(unwrappingRetransmission: reparsed, mediaPayloadType: 96, mediaSSRC: 5) == original)
        for payload: [UInt8] in [[], [0xAB]] {
            let short = RTPPacket(header: rtx.header, payload: payload)
            #expect(throws: RTPError.truncated) { try RTPPacket(unwrappingRetransmission: short, mediaPayloadType: 96, mediaSSRC: 5) }
        }
    }

    @Test("audio playout buffer: reorders, rejects duplicates and late packets, conceals holes after the delay")
    func audioPlayout() {
        typealias Entry = AudioPlayoutBuffer.Entry
        func entry(_ index: UInt32, at ms: Int64) -> Entry {
            Entry(payload: [UInt8(index)], timestamp: 1000 + index * 960, arrival: MediaTestStreams.at(milliseconds: ms), level: nil)
        }
        var buffer = AudioPlayoutBuffer(delay: .milliseconds(60))
        let base: UInt16 = 65_534  // wraps through 0
        #expect(buffer.insert(sequenceNumber: base, entry: entry(0, at: 0)) == .held)
        #expect(buffer.pop(now: MediaTestStreams.at(milliseconds: 0)) == [.packet(entry(0, at: 0))])
        #expect(buffer.insert(sequenceNumber: base &+ 2, entry: entry(2, at: 20)) == .held)
        #expect(buffer.pop(now: MediaTestStreams.at(milliseconds: 20)).isEmpty)  // waiting for 1
        #expect(buffer.nextTimeout == MediaTestStreams.at(milliseconds: 80))
        #expect(buffer.insert(sequenceNumber: base &+ 1, entry: entry(1, at: 25)) == .held)
        #expect(buffer.insert(sequenceNumber: base &+ 1, entry: entry(1, at: 26)) == .duplicate)
        #expect(buffer.pop(now: MediaTestStreams.at(milliseconds: 25)) == [.packet(entry(1, at: 25)), .packet(entry(2, at: 20))])
        #expect(buffer.insert(sequenceNumber: base, entry: entry(0, at: 30)) == .late)
        // 3 is lost: 4 waits 60 ms, then 3 is reported lost with 4 as its FEC source.
        #expect(buffer.insert(sequenceNumber: base &+ 4, entry: entry(4, at: 60)) == .held)
        #expect(buffer.pop(now: MediaTestStreams.at(milliseconds: 119)).isEmpty)
        #expect(buffer.pop(now: MediaTestStreams.at(milliseconds: 120))
                == [.lost(samples: 960, timestamp: 1000 + 3 * 960, next: entry(4, at: 60)), .packet(entry(4, at: 60))])
        // A long hole conceals at most 5 packets (100 ms), the last without FEC.
        #expect(buffer.insert(sequenceNumber: base &+ 15, entry: entry(15, at: 200)) == .held)
        let outputs = buffer.pop(now: MediaTestStreams.at(milliseconds: 300))
        #expect(outputs.count == 6)
        #expect(outputs.prefix(5).allSatisfy { if case .lost(960, _, nil) = $0 { true } else { false } })
        #expect(buffer.latePackets == 1 && buffer.duplicatePackets == 1)
    }

    @Test("RTCP interval (RFC 3550 A.7): reduced minimum 360/kbps, halved at first, randomised over [0.5, 1.5]/1.21828")
    func rtcpInterval() {
        var timer = RTCPIntervalTimer(sessionBandwidthKbps: 850, seed: 3)
        let minimum = 360.0 / 850
        let first = timer.interval()
        #expect(first.milliseconds >= minimum / 2 * 0.5 / 1.21828 * 1000 - 0.01)
        #expect(first.milliseconds <= minimum / 2 * 1.5 / 1.21828 * 1000 + 0.01)
        timer.start(now: .zero)
        let firstReport = timer.nextReport!
        #expect(!timer.isDue(now: firstReport - .milliseconds(1)) && timer.isDue(now: firstReport))
        var seen: [Double] = []
        for step in 0..<200 {
            timer.sent(size: 100, now: Instant(nanoseconds: Int64(step) * 1_000_000_000))
            seen.append((timer.nextReport! - Instant(nanoseconds: Int64(step) * 1_000_000_000)).milliseconds)
        }
        #expect(seen.min()! >= minimum * 0.5 / 1.21828 * 1000 - 0.01)
        #expect(seen.max()! <= minimum * 1.5 / 1.21828 * 1000 + 0.01)
        #expect(Set(seen).count > 100)  // randomised
        // Audio only at 32 kbps: the reduced minimum would be 11 s; the classic 5 s caps it.
        var audio = RTCPIntervalTimer(sessionBandwidthKbps: 32, seed: 3)
        audio.sent(size: 100, now: .zero)
        #expect(audio.nextReport!.nanoseconds <= Int64(5 * 1.5 / 1.21828 * 1e9))
    }

    @Test("capture times are extrapolated along the RTP clock; the clock offset is a median")
    func captureTimes() {
        var tracker = CaptureTimeTracker(clockRate: 90_000)
        #expect(tracker.captureTime(rtpTimestamp: 0) == nil)
        let capture = NTPTimestamp(unixSeconds: 1_790_000_000)
        tracker.record(rtpTimestamp: UInt32.max - 4499, capture: AbsCaptureTime(captureTime: capture))
        // 9000 ticks later (across the 32-bit wrap) is 100 ms later.
        let later = tracker.captureTime(rtpTimestamp: 4500)!
        #expect(abs(later.unixSeconds - capture.unixSeconds - 0.1) < 1e-6)
        #expect(tracker.captureTime(rtpTimestamp: UInt32.max - 4499 &+ 90_000 * 6) == nil)
        // The 16-byte form's clock offset moves the capture time onto the sender's clock.
        tracker.record(rtpTimestamp: 0, capture: AbsCaptureTime(captureTime: capture, estimatedCaptureClockOffset: 1 << 31))
        #expect(abs(tracker.captureTime(rtpTimestamp: 0)!.unixSeconds - capture.unixSeconds - 0.5) < 1e-6)

        var offset = RemoteClockOffset()
        #expect(offset.seconds == nil)
        let sent = NTPTimestamp(unixSeconds: 100)
        // Arrival 2.025 s after the sender's time with a 50 ms RTT: the receiver is 2 s ahead.
        for jitter in [0.0, 0.004, -0.003, 0.3, 0.001] {
            offset.record(arrival: NTPTimestamp(unixSeconds: 102.025 + jitter), senderTime: sent, roundTripTime: .milliseconds(50))
        }
        #expect(abs(offset.seconds! - 2.001) < 1e-6)
    }

    @Test("the bandwidth estimate follows what arrives and backs off when queues grow")
    func bandwidthEstimate() {
        func run(queueGrowthMsPerGroup: Double) -> (ReceiveBandwidthEstimator, Double) {
            var estimator = ReceiveBandwidthEstimator()
            var rate = RateWindow()
            for group in 0..<200 {
                let send = Double(group) * 0.010
                let arrival = Instant(nanoseconds: Int64((send + 0.020 + queueGrowthMsPerGroup * Double(group) / 1000) * 1e9))
                for _ in 0..<2 {
                    estimator.packetArrived(size: 1000, sendTime: send.truncatingRemainder(dividingBy: 64), now: arrival)
                    rate.add(bytes: 1000, at: arrival)
                }
                if group % 10 == 0 { estimator.update(now: arrival, lossRatio: 0) }
            }
            let end = Instant(nanoseconds: Int64((2.0 + 0.020 + queueGrowthMsPerGroup * 0.2) * 1e9))
            return (estimator, rate.bitsPerSecond(now: end))
        }
        // 2 x 1000 bytes every 10 ms: 1.6 Mbit/s.
        let (steady, _) = run(queueGrowthMsPerGroup: 0)
        #expect(steady.signal == .normal)
        let estimate = steady.estimate!
        #expect(estimate > 1_600_000 && estimate <= 1.5 * 1_600_000 + 10_000)
        // Each group arrives 1 ms later than the last: the path's queue grows, the estimate drops below the incoming rate.
        let (congested, incoming) = run(queueGrowthMsPerGroup: 1)
        #expect(congested.signal == .overusing)
        #expect(congested.estimate! < incoming)
        // Heavy loss caps the estimate too.
        var lossy = steady
        lossy.update(now: Instant(nanoseconds: 2_100_000_000), lossRatio: 0.3)
        #expect(lossy.estimate! < estimate)
    }

    @Test("scaling keeps flat colours and produces the requested plane sizes")
    func scaling() throws {
        let flat = I420Frame(width: 640, height: 480, luma: 81, cb: 90, cr: 240)
        let small = flat.scaled(width: 320, height: 240)
        #expect(small.width == 320 && small.height == 240)
        #expect(small.y.count == 320 * 240 && small.u.count == 160 * 120)
        #expect(Set(small.y) == [81] && Set(small.u) == [90] && Set(small.v) == [240])
        let odd = flat.scaled(width: 175, height: 99)
        #expect(odd.u.count == 88 * 50)
        #expect(flat.scaled(width: 640, height: 480) == flat)
        // A left/right split survives downscaling on each side.
        var split = I420Frame(width: 64, height: 8, luma: 0, cb: 128, cr: 128)
        for row in 0..<8 { for column in 32..<64 { split.y[row * 64 + column] = 255 } }
        let half = split.scaled(width: 32, height: 4)
        #expect(half.y[0] == 0 && half.y[31] == 255)
    }

    @Test("the first NACK waits as long as the path is seen to reorder, within maxReorderWait")
    func reorderAwareNACK() {
        let configuration = JitterBufferConfiguration(nackDelay: .milliseconds(5), maxReorderWait: .milliseconds(40))
        let t0 = MediaTestStreams.at(milliseconds: 0)
        for (known, reorder, expected): (Bool?, Int64, Int64) in [(nil, 25, 5), (false, 25, 25), (true, 25, 5), (false, 90, 40)] {
            var tracker = NackTracker()
            tracker.received(0, now: t0, configuration: configuration)
            tracker.received(2, now: t0, configuration: configuration)  // 1 is missing
            // 1 arrives late: an original (it measures reordering), a retransmission, or unknown.
            tracker.received(1, now: t0 + .milliseconds(reorder), isRetransmission: known, configuration: configuration)
            #expect(tracker.isEmpty)
            let later = t0 + .milliseconds(200)
            tracker.received(4, now: later, configuration: configuration)  // 3 is missing
            #expect(tracker.nextDeadline(configuration: configuration) == later + .milliseconds(expected), "\(String(describing: known)) \(reorder)")
        }
    }

    @Test("rate window counts the last second only")
    func rateWindow() {
        var window = RateWindow()
        for index in 0..<30 { window.add(bytes: 1000, at: Instant(nanoseconds: Int64(index) * 100_000_000)) }
        let now = Instant(nanoseconds: 2_950_000_000)
        #expect(window.count(now: now) == 10)
        #expect(window.bitsPerSecond(now: now) == 80_000)
        #expect(window.count(now: now + .seconds(5)) == 0)
    }
}

@Suite("MediaSession")
struct MediaSessionTests {
    @Test("queues packets, reports and events in order; goodbye ends with BYE for our SSRCs")
    func queueAndGoodbye() throws {
        let session = MediaSession(sender: try MediaTestStreams.sender(quality: .low), receiver: nil)
        let now = MediaTestStreams.at(milliseconds: 0)
        let wall = MediaTestStreams.wall(now)
        try session.sendAudio([Int16](repeating: 0, count: 960), captureTime: wall, now: now)
        try session.sendVideo(SyntheticPictureSource().picture(width: 320, height: 240, index: 0), captureTime: wall, now: now)
        session.handle(peerEvent: .rtcpReceived([.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: MediaTestStreams.videoSSRC))]),
                       now: now, wallClock: wall)
        session.goodbye(now: now, wallClock: wall, reason: "session ended")
        var outputs: [MediaOutput] = []
        while let output = session.pollOutput() { outputs.append(output) }
        guard case .rtp(let audio) = outputs.first, case .rtp(let video) = outputs[1] else { throw TestFailure("\(outputs)") }
        #expect(audio.header.payloadType == 111 && video.header.payloadType == 96)
        #expect(outputs.contains(.event(.keyframeRequested)))
        guard case .rtcp(let last) = outputs.last, case .goodbye(let bye) = last.last else { throw TestFailure("\(outputs)") }
        #expect(Set(bye.sources) == [MediaTestStreams.videoSSRC, MediaTestStreams.audioSSRC] && bye.reason == "session ended")
        #expect(last.contains { if case .senderReport = $0 { true } else { false } })
        // A viewer-only session refuses to send.
        let viewer = MediaSession(sender: nil, receiver: try MediaTestStreams.receiver())
        #expect(throws: MediaSessionError.notNegotiated(.audio)) { try viewer.sendAudio([], captureTime: wall, now: now) }
        #expect(viewer.nextTimeout == nil)
        viewer.goodbye(now: now, wallClock: wall, reason: nil)
        guard case .rtcp(let farewell) = viewer.pollOutput(), case .goodbye(let viewerBye) = farewell.last else { throw TestFailure("no BYE") }
        #expect(viewerBye.sources == [1])
        #expect(throws: Never.self) { try RTCPPacket.serializeCompound(farewell) }
    }
}
