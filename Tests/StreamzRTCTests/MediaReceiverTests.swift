#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import StreamzRTC

@Suite("MediaReceiver")
struct MediaReceiverTests {
    typealias S = MediaTestStreams

    /// Sends `count` frames from `sender` at 15 fps, handing each packet to `deliver`.
    static func stream(_ sender: MediaSender, frames count: Int, from start: Int = 0,
                       deliver: (RTPPacket, Instant) -> Void) throws {
        let source = SyntheticPictureSource()
        for index in start..<(start + count) {
            let now = S.at(milliseconds: Int64(index) * 1000 / 15)
            for packet in try sender.sendVideo(source.picture(width: 320, height: 240, index: index), captureTime: S.wall(now), now: now) {
                deliver(packet, now)
            }
        }
    }

    @Test("latency is measured from abs-capture-time on the receiver's wall clock")
    func measuredLatency() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        try Self.stream(sender, frames: 5) { packet, sent in
            // 45 ms on the way: both the monotonic and the wall clock move on by it.
            let arrival = sent + .milliseconds(45)
            receiver.handle(rtp: packet, kind: .video, now: arrival, wallClock: S.wall(arrival))
        }
        let frames = S.videoFrames(receiver)
        #expect(frames.count == 5)
        for frame in frames {
            #expect(!frame.latencyEstimated)
            #expect(abs(try #require(frame.latency).milliseconds - 45) < 0.01)
        }
        let stats = receiver.stats(now: S.at(milliseconds: 400))
        #expect(stats.latencyEstimated == false)
        #expect(abs(try #require(stats.latencyMs) - 45) < 0.01)
    }

    @Test("a sender whose clock is 5 s behind still gets its latency measured, by the offset SRs reveal")
    func clockOffsetCorrected() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        receiver.iceRoundTripTime = .milliseconds(40)
        let skew = Duration.seconds(5)
        var frames: [DecodedVideoFrame] = []
        var reported = false
        try Self.stream(sender, frames: 12) { packet, sent in
            let arrival = sent + .milliseconds(20)
            receiver.handle(rtp: packet, kind: .video, now: arrival, wallClock: S.wall(arrival) + skew)
            frames += S.videoFrames(receiver)
            // The sender's first report, as soon as it is due, also 20 ms on the way.
            if !reported, let due = sender.nextTimeout, due <= sent, let report = sender.poll(now: sent, wallClock: S.wall(sent)) {
                receiver.handle(rtcp: report, now: arrival, wallClock: S.wall(arrival) + skew)
                reported = true
            }
        }
        #expect(reported)
        let corrected = frames.filter { !$0.latencyEstimated }.compactMap(\.latency).last
        #expect(abs(try #require(corrected).milliseconds - 20) < 1)
    }

    @Test("without abs-capture-time, latency is estimated: RTT/2 + jitter-buffer delay + decode time")
    func estimatedLatency() throws {
        let sender = try S.sender(quality: .low, extensions: false)
        let clock = SteppingClock(start: .zero)
        let receiver = try S.receiver(extensions: false, decodeClock: { clock.read() })
        receiver.iceRoundTripTime = .milliseconds(40)
        var frames: [DecodedVideoFrame] = []
        try Self.stream(sender, frames: 3) { packet, sent in
            // Each packet of a frame arrives 4 ms after the previous one.
            let arrival = sent + .milliseconds(4 * Int64(packet.header.sequenceNumber % 64))
            receiver.handle(rtp: packet, kind: .video, now: arrival, wallClock: S.wall(arrival))
            frames += S.videoFrames(receiver)
        }
        #expect(frames.count == 3)
        for frame in frames {
            #expect(frame.latencyEstimated)
            let bufferDelay = (frame.decodedAt - frame.firstPacketAt) - .milliseconds(3)
            // 20 (RTT/2) + time since the first packet + 3 (one step of the decode clock).
            #expect(try #require(frame.latency) == .milliseconds(23) + bufferDelay)
        }
    }

    @Test("RTX is unwrapped onto the media stream; RTX for an unknown stream is dropped")
    func rtxUnwrapped() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        var packets: [RTPPacket] = []
        try Self.stream(sender, frames: 2) { packet, _ in packets.append(packet) }
        // An RTX packet before any media: nothing to attach it to.
        let early = packets[0].retransmission(payloadType: 97, ssrc: 0x7777, sequenceNumber: 1)
        receiver.handle(rtp: early, kind: .video, now: .zero, wallClock: S.wall(.zero))
        #expect(receiver.dropCounts["rtx_unusable"] == 1)
        // Everything but the keyframe's last packet, then that one as RTX: the keyframe completes.
        let last = try #require(packets.firstIndex { $0.header.marker })
        for (index, packet) in packets.enumerated() where index != last {
            receiver.handle(rtp: packet, kind: .video, now: .zero, wallClock: S.wall(.zero))
        }
        #expect(S.videoFrames(receiver).isEmpty)
        let rtx = packets[last].retransmission(payloadType: 97, ssrc: S.rtxSSRC, sequenceNumber: 9)
        receiver.handle(rtp: rtx, kind: .video, now: .zero, wallClock: S.wall(.zero))
        #expect(S.videoFrames(receiver).count == 2)
        #expect(receiver.stats(now: .zero).retransmittedPacketsReceived == 1)
        // Padding-only RTX (no OSN) is dropped, not crashed on.
        receiver.handle(rtp: RTPPacket(header: RTPHeader(payloadType: 97, sequenceNumber: 10, timestamp: 0, ssrc: S.rtxSSRC), payload: []),
                        kind: .video, now: .zero, wallClock: S.wall(.zero))
        #expect(receiver.dropCounts["rtx_unusable"] == 2)
    }

    @Test("a gap is NACKed for the sender's SSRC; a stream that starts without a keyframe gets a PLI")
    func nackAndPLI() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        var packets: [RTPPacket] = []
        try Self.stream(sender, frames: 6) { packet, _ in packets.append(packet) }
        let lost = packets[3].header.sequenceNumber
        for packet in packets where packet.header.sequenceNumber != lost {
            receiver.handle(rtp: packet, kind: .video, now: S.at(milliseconds: 10), wallClock: S.wall(.zero))
        }
        let due = try #require(receiver.nextTimeout)
        let compound = try #require(receiver.poll(now: due, wallClock: S.wall(due)))
        guard case .receiverReport(let rr) = compound.first, case .sourceDescription = compound[1] else {
            throw TestFailure("RR and SDES must lead the compound: \(compound)")
        }
        #expect(rr.ssrc == 1)
        let nacks = compound.compactMap { if case .nack(let nack) = $0 { nack } else { nil } }
        #expect(nacks.count == 1 && nacks.first?.mediaSSRC == S.videoSSRC && nacks.first?.sequenceNumbers == [lost])
        #expect(receiver.stats(now: due).nacksSent == 1)

        // A second viewer joins mid-stream: delta frames only, so it asks for a keyframe.
        let late = try S.receiver()
        for packet in packets.suffix(packets.count - 4) { late.handle(rtp: packet, kind: .video, now: .zero, wallClock: S.wall(.zero)) }
        let request = try #require(late.poll(now: S.at(milliseconds: 1), wallClock: S.wall(.zero)))
        #expect(request.contains(.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: S.videoSSRC))))
        #expect(late.stats(now: .zero).plisSent == 1)
    }

    @Test("FIR stands in for PLI when only FIR was negotiated, and after three unanswered PLIs")
    func firFallback() throws {
        let packets = try Self.deltaOnlyPackets()
        let firOnly = try MediaReceiver(configuration: MediaReceiverConfiguration(cname: "v", seed: 1),
                                        negotiated: S.negotiated(sending: false, feedback: [.nack, .fir]))
        for packet in packets { firOnly.handle(rtp: packet, kind: .video, now: .zero, wallClock: S.wall(.zero)) }
        let compound = try #require(firOnly.poll(now: S.at(milliseconds: 1), wallClock: S.wall(.zero)))
        #expect(compound.contains { if case .fullIntraRequest(let fir) = $0 { fir.entries.first?.ssrc == S.videoSSRC } else { false } })

        let both = try S.receiver()
        for packet in packets { both.handle(rtp: packet, kind: .video, now: .zero, wallClock: S.wall(.zero)) }
        var kinds: [String] = []
        var now = S.at(milliseconds: 1)
        for _ in 0..<5 {
            for packet in try #require(both.poll(now: now, wallClock: S.wall(now))) {
                if case .pictureLossIndication = packet { kinds.append("pli") }
                if case .fullIntraRequest = packet { kinds.append("fir") }
            }
            now = now + .milliseconds(600)
        }
        #expect(kinds == ["pli", "pli", "pli", "fir", "pli"])
        #expect(both.stats(now: now).firsSent == 1)
    }

    /// Frames 1-3 of a stream whose keyframe (frame 0) never arrives.
    static func deltaOnlyPackets() throws -> [RTPPacket] {
        var packets: [(RTPPacket, Int)] = []
        var frame = 0
        var lastTimestamp: UInt32?
        try stream(try S.sender(quality: .low), frames: 4) { packet, _ in
            if let lastTimestamp, packet.header.timestamp != lastTimestamp { frame += 1 }
            lastTimestamp = packet.header.timestamp
            packets.append((packet, frame))
        }
        return packets.filter { $0.1 > 0 }.map(\.0)
    }

    @Test("REMB goes out once a second of media has arrived, only when negotiated")
    func rembWhenNegotiated() throws {
        for negotiated in [true, false] {
            let sender = try S.sender(quality: .low)
            let receiver = try MediaReceiver(
                configuration: MediaReceiverConfiguration(cname: "v", seed: 1),
                negotiated: S.negotiated(sending: false, feedback: negotiated ? [.nack, .pli, .remb] : [.nack, .pli]))
            var rembs: [ReceiverEstimatedMaxBitrate] = []
            try Self.stream(sender, frames: 30) { packet, sent in
                receiver.handle(rtp: packet, kind: .video, now: sent, wallClock: S.wall(sent))
                if let compound = receiver.poll(now: sent, wallClock: S.wall(sent)) {
                    rembs += compound.compactMap { if case .receiverEstimatedMaxBitrate(let remb) = $0 { remb } else { nil } }
                }
            }
            if negotiated {
                let remb = try #require(rembs.first)
                #expect(remb.ssrcs == [S.videoSSRC])
                #expect(remb.bitrate > 30_000)
                #expect(receiver.stats(now: S.at(milliseconds: 2000)).estimatedBandwidthKbps != nil)
            } else {
                #expect(rembs.isEmpty)
            }
        }
    }

    @Test("an SR is echoed in the next RR: LSR is its NTP middle, DLSR the time held (RFC 3550 §6.4.1)")
    func senderReportEcho() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        try Self.stream(sender, frames: 3) { packet, sent in receiver.handle(rtp: packet, kind: .video, now: sent, wallClock: S.wall(sent)) }
        let sr = SenderReport(ssrc: S.videoSSRC, ntpTime: NTPTimestamp(unixSeconds: 1_790_000_000.5), rtpTimestamp: 0, packetCount: 3, octetCount: 100)
        receiver.handle(rtcp: [.senderReport(sr)], now: S.at(milliseconds: 200), wallClock: S.wall(S.at(milliseconds: 200)))
        var now = S.at(milliseconds: 200)
        var report: ReceptionReport?
        while report == nil, now < S.at(milliseconds: 10_000) {
            now = try #require(receiver.nextTimeout.map { max($0, now + .milliseconds(1)) })
            if case .receiverReport(let rr) = receiver.poll(now: now, wallClock: S.wall(now))?.first { report = rr.reports.first }
        }
        let block = try #require(report)
        #expect(block.ssrc == S.videoSSRC && block.lastSenderReport == sr.ntpTime.middle32)
        let held = Double(block.delaySinceLastSenderReport) / 65.536
        #expect(abs(held - (now - S.at(milliseconds: 200)).milliseconds) < 0.1)
    }

    @Test("a lost audio packet is concealed after the playout delay; reordered ones play in order")
    func audioLossAndReorder() throws {
        let sender = try S.sender()
        let receiver = try S.receiver()
        var packets: [RTPPacket] = []
        for index in 0..<6 {
            let now = S.at(milliseconds: Int64(index) * 20)
            let tone = (0..<960).map { Int16(8000 * sin(Double(index * 960 + $0) * 0.0575)) }
            packets += try sender.sendAudio(tone, captureTime: S.wall(now), now: now)
        }
        // 0, 2, 1 (reordered), 4, 5: packet 3 never comes.
        for (order, index) in [0, 2, 1, 4, 5].enumerated() {
            let now = S.at(milliseconds: Int64(order) * 20)
            receiver.handle(rtp: packets[index], kind: .audio, now: now, wallClock: S.wall(now))
        }
        var blocks: [DecodedAudio] = []
        while case .audio(let block) = receiver.pollEvent() { blocks.append(block) }
        #expect(blocks.map(\.rtpTimestamp) == packets[0...2].map(\.header.timestamp))
        let later = S.at(milliseconds: 80) + .milliseconds(60)
        _ = receiver.poll(now: later, wallClock: S.wall(later))
        while case .audio(let block) = receiver.pollEvent() { blocks.append(block) }
        #expect(blocks.map(\.rtpTimestamp) == packets.map(\.header.timestamp))
        #expect(blocks.map(\.concealed) == [false, false, false, true, false, false])
        #expect(blocks.allSatisfy { $0.samples.count == 960 && $0.levels.count == 1 })
        #expect(receiver.stats(now: later).audioPacketsConcealed == 1)
    }
}

@Suite("MediaReceiver sources")
struct MediaReceiverSourceTests {
    typealias S = MediaTestStreams

    @Test("a packet from a foreign SSRC does not reset a live stream; a source silent for 2 s can be replaced")
    func foreignSSRC() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        var packets: [RTPPacket] = []
        try MediaReceiverTests.stream(sender, frames: 4) { packet, _ in packets.append(packet) }
        for packet in packets[..<2] { receiver.handle(rtp: packet, kind: .video, now: .zero, wallClock: S.wall(.zero)) }
        var stray = packets[2]
        stray.header.ssrc = 0xBAD
        receiver.handle(rtp: stray, kind: .video, now: .zero, wallClock: S.wall(.zero))
        #expect(receiver.dropCounts["video_foreign_ssrc"] == 1)
        for packet in packets[2...] { receiver.handle(rtp: packet, kind: .video, now: .zero, wallClock: S.wall(.zero)) }
        #expect(S.videoFrames(receiver).count == 4)
        // The sender restarts with a new SSRC after a pause: the new stream is taken.
        let restarted = try MediaSender(configuration: MediaSenderConfiguration(
            videoSSRC: 0x4444, videoRTXSSRC: 0x5555, audioSSRC: 0x6666, cname: "d", quality: .low, seed: 9),
            negotiated: S.negotiated(sending: true))
        let later = S.at(milliseconds: 3000)
        let fresh = try restarted.sendVideo(SyntheticPictureSource().picture(width: 320, height: 240, index: 0), captureTime: S.wall(later), now: later)
        for packet in fresh { receiver.handle(rtp: packet, kind: .video, now: later, wallClock: S.wall(later)) }
        #expect(S.videoFrames(receiver).count == 1)
        #expect(receiver.dropCounts["video_foreign_ssrc"] == 1)
    }
}
