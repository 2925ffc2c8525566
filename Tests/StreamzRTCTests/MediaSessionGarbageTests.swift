import Testing
@testable import StreamzRTC

@Suite("Media sessions fed garbage", .serialized)
struct MediaSessionGarbageTests {
    /// Random RTP headers and payloads, and RTCP of every type with random fields, go straight
    /// into both sides (past SRTP, as a compromised or buggy peer could send them): nothing
    /// crashes, the timers keep running, and real media still decodes afterwards.
    @Test func garbageNeverCrashesAndMediaRecovers() throws {
        let harness = try MediaSessionHarness(seed: 12, quality: .low, loss: 0, delay: 10...20)
        try harness.run(for: .seconds(1))
        var random = SeededRandom(seed: 99)
        let receiver = harness.receiver
        let sender = harness.sender
        var now = harness.network.now
        for round in 0..<3000 {
            now = now + .microseconds(300)
            let wall = MediaSessionHarness.wallClock(now)
            let payloadTypes: [UInt8] = [96, 97, 111, UInt8.random(in: 0...127, using: &random)]
            let payload = (0..<Int.random(in: 0...60, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Some payloads look like VP8 keyframe starts (S bit, P = 0, start code) with garbage after.
            let vp8 = round % 3 == 0 ? [0x90, 0x80, 0x80 | UInt8(round & 0x7F), 0x10, 0x9D, 0x01, 0x2A] + payload : payload
            var extensions = RTPHeaderExtensions()
            extensions.set(id: UInt8.random(in: 1...14, using: &random),
                           data: (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            let header = RTPHeader(marker: Bool.random(using: &random), payloadType: payloadTypes.randomElement(using: &random) ?? 96,
                                   sequenceNumber: UInt16.random(in: 0...UInt16.max, using: &random),
                                   timestamp: UInt32.random(in: 0...UInt32.max, using: &random),
                                   ssrc: [UInt32(0x1111_1111), 0x2222_2222, 0x3333_3333, UInt32.random(in: 0...UInt32.max, using: &random)]
                                       .randomElement(using: &random) ?? 0,
                                   extensions: extensions)
            receiver.handle(rtp: RTPPacket(header: header, payload: vp8), kind: round % 2 == 0 ? .video : .audio, now: now, wallClock: wall)
            let rtcp = Self.randomRTCP(using: &random)
            _ = sender.handle(rtcp: rtcp, now: now, wallClock: wall)
            receiver.handle(rtcp: rtcp, now: now, wallClock: wall)
            // Bytes that do parse as RTCP go in too.
            let bytes = (0..<Int.random(in: 4...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if let parsed = try? RTCPPacket.parseCompound([0x80 | (bytes[0] & 0x1F), 200 + bytes[1] % 7] + bytes[2...]) {
                _ = sender.handle(rtcp: parsed, now: now, wallClock: wall)
                receiver.handle(rtcp: parsed, now: now, wallClock: wall)
            }
            if round % 10 == 0 {
                _ = receiver.poll(now: now, wallClock: wall)
                _ = sender.poll(now: now, wallClock: wall)
            }
            while receiver.pollEvent() != nil {}
        }
        _ = receiver.stats(now: now)
        _ = sender.stats(now: now)
        #expect(receiver.dropCounts.values.reduce(0, +) > 500)
        // The real stream goes on: the next keyframe (asked for by PLI if need be) decodes.
        harness.network.now = now
        let before = harness.frames.count
        try harness.run(for: .seconds(3))
        #expect(harness.frames.count > before + 10)
        #expect(harness.frames.last?.frame.width == 320)
    }

    static func randomRTCP(using random: inout SeededRandom) -> [RTCPPacket] {
        func u32() -> UInt32 { UInt32.random(in: 0...UInt32.max, using: &random) }
        let ssrc: UInt32 = [0x1111_1111, 0x3333_3333, 1, u32()].randomElement(using: &random) ?? 0
        let block = ReceptionReport(ssrc: ssrc, fractionLost: UInt8.random(in: 0...255, using: &random),
                                    cumulativeLost: Int32.random(in: -0x80_0000...0x7F_FFFF, using: &random),
                                    extendedHighestSequenceNumber: u32(), jitter: u32(), lastSenderReport: u32(),
                                    delaySinceLastSenderReport: u32())
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return [.receiverReport(ReceiverReport(ssrc: u32(), reports: [block]))]
        case 1:
            return [.senderReport(SenderReport(ssrc: ssrc, ntpTime: NTPTimestamp(rawValue: UInt64(u32()) << 32 | UInt64(u32())),
                                               rtpTimestamp: u32(), packetCount: u32(), octetCount: u32(), reports: [block]))]
        case 2:
            return [.nack(GenericNACK(senderSSRC: u32(), mediaSSRC: ssrc,
                                      entries: [.init(packetID: UInt16(truncatingIfNeeded: u32()), lostBitmask: UInt16(truncatingIfNeeded: u32()))]))]
        case 3: return [.pictureLossIndication(PictureLossIndication(senderSSRC: u32(), mediaSSRC: ssrc))]
        case 4: return [.fullIntraRequest(FullIntraRequest(senderSSRC: u32(), entries: [.init(ssrc: ssrc, sequenceNumber: UInt8(truncatingIfNeeded: u32()))]))]
        case 5: return [.receiverEstimatedMaxBitrate(ReceiverEstimatedMaxBitrate(senderSSRC: u32(), bitrate: UInt64(u32()) << UInt64.random(in: 0...30, using: &random), ssrcs: [ssrc]))]
        default: return [.goodbye(Goodbye(sources: [ssrc])), .unknown(packetType: 204, count: 0, body: [1, 2, 3, 4])]
        }
    }
}
