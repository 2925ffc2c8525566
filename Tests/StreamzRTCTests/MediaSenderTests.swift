#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import StreamzRTC

@Suite("MediaSender")
struct MediaSenderTests {
    typealias S = MediaTestStreams

    @Test("packets carry the negotiated extensions; abs-capture-time on each frame's first packet")
    func extensionsAndTimestamps() throws {
        let sender = try S.sender(quality: .low)
        let capture = NTPTimestamp(unixSeconds: 1_790_000_000.25)
        let packets = try sender.sendVideo(SyntheticPictureSource().picture(width: 320, height: 240, index: 0),
                                           captureTime: capture, now: S.at(milliseconds: 0))
        let first = try #require(packets.first)
        #expect(packets.allSatisfy { $0.header.ssrc == S.videoSSRC && $0.header.payloadType == 96 })
        #expect(packets.last?.header.marker == true && packets.dropLast().allSatisfy { !$0.header.marker })
        #expect(try first.header.extensions.value(AbsCaptureTime.self, id: 3)?.captureTime == capture)
        #expect(try first.header.extensions.value(MidExtension.self, id: 1)?.mid == "0")
        #expect(try first.header.extensions.value(AbsSendTime.self, id: 2) != nil)
        #expect(packets.dropFirst().allSatisfy { $0.header.extensions[3] == nil })
        #expect(try VP8FrameHeader.isKeyframe(payload: first.payload))
        // Consecutive sequence numbers; the next frame 100 ms later is 9000 ticks on (90 kHz, RFC 7741 §4.1).
        for (a, b) in zip(packets, packets.dropFirst()) { #expect(b.header.sequenceNumber == a.header.sequenceNumber &+ 1) }
        let next = try sender.sendVideo(SyntheticPictureSource().picture(width: 320, height: 240, index: 1),
                                        captureTime: capture, now: S.at(milliseconds: 100))
        #expect(next.first?.header.timestamp == first.header.timestamp &+ 9000)
        let audio = try sender.sendAudio([Int16](repeating: 0, count: 960), captureTime: capture, now: S.at(milliseconds: 0))
        let audioPacket = try #require(audio.first)
        #expect(audioPacket.header.ssrc == S.audioSSRC && audioPacket.header.payloadType == 111)
        // Silence: RFC 6464 level 127, no voice activity.
        #expect(try audioPacket.header.extensions.value(AudioLevelExtension.self, id: 4) == AudioLevelExtension(voiceActivity: false, level: 127))
        let second = try sender.sendAudio([Int16](repeating: 0, count: 960), captureTime: capture, now: S.at(milliseconds: 20))
        #expect(second.first?.header.timestamp == audioPacket.header.timestamp &+ 960)
        #expect(throws: MediaSessionError.codec(.wrongSampleCount(expected: 960, got: 10))) {
            try sender.sendAudio([Int16](repeating: 0, count: 10), captureTime: capture, now: S.at(milliseconds: 40))
        }
    }

    @Test("the preset's frame rate caps the source's, and a picture of another size is scaled to the target")
    func frameRateCapAndScaling() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        let source = SyntheticPictureSource()
        var sentFrames = 0
        for index in 0..<30 {
            let now = S.at(milliseconds: Int64(index) * 1000 / 30)
            let packets = try sender.sendVideo(source.picture(width: 640, height: 480, index: index), captureTime: S.wall(now), now: now)
            if !packets.isEmpty { sentFrames += 1 }
            for packet in packets { receiver.handle(rtp: packet, kind: .video, now: now, wallClock: S.wall(now)) }
        }
        #expect(sentFrames == 15)
        #expect(sender.stats(now: S.at(milliseconds: 1000)).framesSkipped == 15)
        let frames = S.videoFrames(receiver)
        #expect(frames.count == 15)
        #expect(frames.allSatisfy { $0.frame.width == 320 && $0.frame.height == 240 })
    }

    @Test("PLI and new FIRs force a keyframe; a repeated FIR sequence number does not")
    func keyframeRequests() throws {
        let sender = try S.sender(quality: .low)
        let source = SyntheticPictureSource()
        var now = S.at(milliseconds: 0)
        func frame() throws -> Bool {
            now = now + .milliseconds(100)
            let packets = try sender.sendVideo(source.picture(width: 320, height: 240, index: Int(now.nanoseconds / 1_000_000)),
                                               captureTime: S.wall(now), now: now)
            return try VP8FrameHeader.isKeyframe(payload: try #require(packets.first).payload)
        }
        #expect(try frame())
        #expect(try !frame())
        _ = sender.handle(rtcp: [.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: S.videoSSRC))],
                          now: now, wallClock: S.wall(now))
        #expect(sender.keyframeRequested)
        #expect(sender.pollEvent() == .keyframeRequested)
        #expect(try frame())
        #expect(!sender.keyframeRequested)
        // A PLI for another SSRC is not ours.
        _ = sender.handle(rtcp: [.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: 0xDEAD))], now: now, wallClock: S.wall(now))
        #expect(try !frame())
        let fir = RTCPPacket.fullIntraRequest(FullIntraRequest(senderSSRC: 1, entries: [.init(ssrc: S.videoSSRC, sequenceNumber: 7)]))
        _ = sender.handle(rtcp: [fir], now: now, wallClock: S.wall(now))
        #expect(try frame())
        // RFC 5104 §4.3.1.2: the same command sequence number is a retransmitted request, not a new one.
        _ = sender.handle(rtcp: [fir], now: now, wallClock: S.wall(now))
        #expect(try !frame())
        #expect(sender.stats(now: now).keyframeRequests == 2)
        #expect(sender.stats(now: now).keyframesSent == 3)
    }

    @Test("NACKs are answered from the history: RTX with the original sequence number, or the packet itself without RTX")
    func retransmissions() throws {
        for rtx in [true, false] {
            let sender = try S.sender(quality: .medium, rtx: rtx)
            let now = S.at(milliseconds: 0)
            let packets = try sender.sendVideo(SyntheticPictureSource().picture(width: 640, height: 480, index: 0),
                                               captureTime: S.wall(now), now: now)
            try #require(packets.count >= 3)
            let wanted = [packets[1].header.sequenceNumber, packets[2].header.sequenceNumber, packets[0].header.sequenceNumber &- 5]
            let nack = RTCPPacket.nack(GenericNACK(senderSSRC: 1, mediaSSRC: S.videoSSRC, missing: wanted))
            let resent = sender.handle(rtcp: [nack], now: now + .milliseconds(50), wallClock: S.wall(now))
            #expect(resent.count == 2)  // the third was never sent
            for (copy, original) in zip(resent, packets[1...2]) {
                if rtx {
                    #expect(copy.header.ssrc == S.rtxSSRC && copy.header.payloadType == 97)
                    let restored = try RTPPacket(unwrappingRetransmission: copy, mediaPayloadType: 96, mediaSSRC: S.videoSSRC)
                    #expect(restored == original)
                } else {
                    #expect(copy == original)
                }
            }
            // Asked again at once: the first copies may still be in flight, so nothing is resent.
            #expect(sender.handle(rtcp: [nack], now: now + .milliseconds(51), wallClock: S.wall(now)).isEmpty)
            #expect(sender.handle(rtcp: [nack], now: now + .milliseconds(200), wallClock: S.wall(now)).count == 2)
            #expect(sender.stats(now: now).retransmissions == 4)
        }
    }

    @Test("RTT from the receiver's report: arrival − LSR − DLSR (RFC 3550 §6.4.1)")
    func roundTripFromReceiverReport() throws {
        let sender = try S.sender()
        let now = S.at(milliseconds: 0)
        _ = try sender.sendAudio([Int16](repeating: 100, count: 960), captureTime: S.wall(now), now: now)
        let due = try #require(sender.nextTimeout)
        let compound = try #require(sender.poll(now: due, wallClock: S.wall(due)))
        guard case .senderReport(let report) = compound.first else { throw TestFailure("no SR first: \(compound)") }
        #expect(report.ssrc == S.audioSSRC && report.packetCount == 1)
        #expect(compound.contains { if case .sourceDescription(let sdes) = $0 { sdes.chunks.first?.cname == "device" } else { false } })
        // The viewer held the SR 100 ms; its RR arrives 160 ms after the SR left: RTT 60 ms.
        let block = ReceptionReport(ssrc: S.audioSSRC, fractionLost: 64, cumulativeLost: 3, jitter: 480,
                                    lastSenderReport: report.ntpTime.middle32, delaySinceLastSenderReport: 6554)
        _ = sender.handle(rtcp: [.receiverReport(ReceiverReport(ssrc: 1, reports: [block]))], now: due + .milliseconds(160),
                          wallClock: report.ntpTime + .milliseconds(160))
        let stats = sender.stats(now: due)
        #expect(abs(try #require(stats.rttMs) - 60) < 1)
        #expect(stats.packetLossRatio == 0.25 && stats.packetsLost == 3)
        #expect(stats.jitterMs == 10)
    }

    @Test("REMB steers `auto` (size follows the estimate); a fixed preset keeps its target")
    func rembSteersAuto() throws {
        let remb = { (bitrate: UInt64) in
            RTCPPacket.receiverEstimatedMaxBitrate(ReceiverEstimatedMaxBitrate(senderSSRC: 1, bitrate: bitrate, ssrcs: [S.videoSSRC]))
        }
        let fixed = try S.sender(quality: .medium)
        _ = fixed.handle(rtcp: [remb(300_000)], now: S.at(milliseconds: 0), wallClock: S.wall(.zero))
        #expect(fixed.videoTarget == QualityPreset.medium.video)
        #expect(fixed.stats(now: .zero).remoteEstimateBitsPerSecond == 300_000)

        let auto = try S.sender(quality: .auto)
        #expect(auto.videoTarget == QualityPreset.medium.video)
        _ = auto.handle(rtcp: [remb(300_000)], now: S.at(milliseconds: 0), wallClock: S.wall(.zero))
        #expect(auto.videoTarget.width == 320 && auto.videoTarget.bitrateKbps == 237)
        #expect(auto.pollEvent() == .videoTargetChanged(auto.videoTarget))
        // A rise soon after changes the bitrate at once but the size only after the 5 s hold.
        _ = auto.handle(rtcp: [remb(3_000_000)], now: S.at(milliseconds: 1000), wallClock: S.wall(.zero))
        #expect(auto.videoTarget.width == 320 && auto.videoTarget.bitrateKbps == 2500)
        _ = auto.handle(rtcp: [remb(3_000_000)], now: S.at(milliseconds: 6000), wallClock: S.wall(.zero))
        #expect(auto.videoTarget.width == 1280 && auto.videoTarget.height == 720)
        // Switching a fixed preset to auto applies the estimate already known.
        fixed.setQuality(.auto, now: S.at(milliseconds: 0))
        #expect(fixed.videoTarget.width == 320)
    }

    @Test("pre-encoded VP8 frames pass through unchanged and decode at their own size")
    func passThrough() throws {
        let sender = try S.sender(quality: .low)
        let receiver = try S.receiver()
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 176, height: 144))
        let source = SyntheticPictureSource()
        var originals: [[UInt8]] = []
        for index in 0..<10 {
            let now = S.at(milliseconds: Int64(index) * 33)
            for encoded in try encoder.encode(source.picture(width: 176, height: 144, index: index)) {
                originals.append(encoded.data)
                for packet in try sender.sendEncodedVideo(encoded.data, captureTime: S.wall(now), now: now) {
                    receiver.handle(rtp: packet, kind: .video, now: now, wallClock: S.wall(now))
                }
            }
        }
        let frames = S.videoFrames(receiver)
        #expect(frames.count == originals.count && frames.count >= 9)
        #expect(frames.allSatisfy { $0.frame.width == 176 && $0.frame.height == 144 })
        #expect(sender.stats(now: .zero).width == 176)
        #expect(throws: MediaSessionError.self) { try sender.sendEncodedVideo([0x01], captureTime: S.wall(.zero), now: .zero) }
    }
}

extension MediaSenderTests {
    @Test("pre-encoded Opus packets (an Ogg file's) pass through; the timestamp advances by their duration")
    func audioPassThrough() throws {
        let sender = try S.sender()
        let receiver = try S.receiver()
        let encoder = try OpusEncoder(channels: 1, bitrate: 48_000)
        var timestamps: [UInt32] = []
        for index in 0..<10 {
            let now = S.at(milliseconds: Int64(index) * 20)
            let pcm = (0..<960).map { Int16(8192 * sin(2 * Double.pi * 440 * Double(index * 960 + $0) / 48_000)) }
            for packet in try sender.sendEncodedAudio(try encoder.encode(pcm), samples: 960, captureTime: S.wall(now), now: now) {
                #expect(packet.header.extensions[4] == nil)  // no level: the sender never saw the PCM
                timestamps.append(packet.header.timestamp)
                receiver.handle(rtp: packet, kind: .audio, now: now, wallClock: S.wall(now))
            }
        }
        #expect(zip(timestamps, timestamps.dropFirst()).allSatisfy { $1 == $0 &+ 960 })
        var blocks: [DecodedAudio] = []
        while case .audio(let block) = receiver.pollEvent() { blocks.append(block) }
        #expect(blocks.count == 10 && blocks.allSatisfy { !$0.concealed })
        // 8192/32768 = 0.25 of full scale: -15 dBFS once the codec has settled.
        let level = try #require(receiver.stats(now: S.at(milliseconds: 200)).audioLevelDb)
        #expect(abs(level - -15.05) < 1.5, "\(level)")
        #expect(throws: MediaSessionError.invalidInput("empty Opus packet")) {
            try sender.sendEncodedAudio([], samples: 960, captureTime: S.wall(.zero), now: .zero)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
