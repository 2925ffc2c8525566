import Testing
@testable import StreamzRTC

@Suite("RTCP packets (RFC 3550 §6, RFC 4585, RFC 5104, REMB)")
struct RTCPPacketTests {
    @Test func senderReportBytes() throws {
        let bytes: [UInt8] = [
            0x80, 0xC8, 0x00, 0x06, 0x12, 0x34, 0x56, 0x78,
            0xE9, 0x2F, 0x00, 0x01, 0x80, 0x00, 0x00, 0x00,  // NTP
            0x00, 0x01, 0x5F, 0x90,  // RTP 90000
            0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x04, 0x00,
        ]
        let packets = try RTCPPacket.parseCompound(bytes)
        let expected = SenderReport(
            ssrc: 0x1234_5678, ntpTime: NTPTimestamp(seconds: 0xE92F_0001, fraction: 0x8000_0000),
            rtpTimestamp: 90_000, packetCount: 10, octetCount: 1024)
        #expect(packets == [.senderReport(expected)])
        #expect(try expected.serialized() == bytes)
    }

    @Test func receiverReportWithNegativeLoss() throws {
        let block = ReceptionReport(
            ssrc: 0xAABB_CCDD, fractionLost: 64, cumulativeLost: -3, extendedHighestSequenceNumber: 0x0001_0005,
            jitter: 42, lastSenderReport: 0x0001_8000, delaySinceLastSenderReport: 0x0000_8000)
        let report = ReceiverReport(ssrc: 1, reports: [block])
        let bytes = try report.serialized()
        #expect(bytes.count == 32)
        #expect(Array(bytes[0..<4]) == [0x81, 0xC9, 0x00, 0x07])
        #expect(Array(bytes[12..<16]) == [0x40, 0xFF, 0xFF, 0xFD])
        #expect(try RTCPPacket.parseCompound(bytes) == [.receiverReport(report)])
        #expect(block.lossRatio == 0.25)
    }

    @Test func sourceDescriptionPadsChunks() throws {
        // "abcd" makes the chunk 4 + 2 + 4 = 10 bytes: 1 END octet plus 1 pad.
        let sdes = SourceDescription(source: 7, cname: "abcd")
        let bytes = try sdes.serialized()
        #expect(bytes == [0x81, 0xCA, 0x00, 0x03, 0, 0, 0, 7, 0x01, 0x04, 0x61, 0x62, 0x63, 0x64, 0x00, 0x00])
        // "ab" fills the chunk to 8 bytes exactly, so a whole word of zeros ends it.
        let exact = try SourceDescription(source: 7, cname: "ab").serialized()
        #expect(exact.count == 16 && exact.suffix(4) == [0, 0, 0, 0])
        let parsed = try RTCPPacket.parseCompound(bytes + exact)
        guard case .sourceDescription(let first) = parsed.first, case .sourceDescription(let second) = parsed.last else {
            Issue.record("expected two SDES packets, got \(parsed)")
            return
        }
        #expect(first.chunks.first?.cname == "abcd")
        #expect(second.chunks.first?.cname == "ab")
    }

    @Test func goodbyeWithReason() throws {
        let bye = Goodbye(sources: [1, 2], reason: "done")
        let bytes = try bye.serialized()
        #expect(bytes.count == 4 + 8 + 8)
        #expect(bytes[0] == 0x82 && bytes[1] == 203)
        #expect(try RTCPPacket.parseCompound(bytes) == [.goodbye(bye)])
        #expect(try RTCPPacket.parseCompound(Goodbye(sources: [9]).serialized()) == [.goodbye(Goodbye(sources: [9]))])
    }

    @Test func nackPacksMissingNumbers() throws {
        let nack = GenericNACK(senderSSRC: 1, mediaSSRC: 2, missing: [100, 101, 105, 117, 118])
        #expect(nack.entries == [.init(packetID: 100, lostBitmask: 0b1_0001), .init(packetID: 117, lostBitmask: 0b1)])
        #expect(nack.sequenceNumbers == [100, 101, 105, 117, 118])
        let bytes = try nack.serialized()
        #expect(Array(bytes[0..<4]) == [0x81, 0xCD, 0x00, 0x04])
        #expect(Array(bytes[12..<16]) == [0x00, 0x64, 0x00, 0x11])
        #expect(try RTCPPacket.parseCompound(bytes) == [.nack(nack)])
        let wrapped = GenericNACK(senderSSRC: 1, mediaSSRC: 2, missing: [65_534, 65_535, 0, 1])
        #expect(wrapped.entries == [.init(packetID: 65_534, lostBitmask: 0b111)])
        #expect(wrapped.sequenceNumbers == [65_534, 65_535, 0, 1])
    }

    @Test func pictureLossAndFullIntraRequest() throws {
        let pli = PictureLossIndication(senderSSRC: 0x0102_0304, mediaSSRC: 0x0506_0708)
        #expect(try pli.serialized() == [0x81, 0xCE, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8])
        // Reduced-size RTCP (RFC 5506): a datagram holding only the PLI.
        #expect(try RTCPPacket.parseCompound(pli.serialized()) == [.pictureLossIndication(pli)])
        let fir = FullIntraRequest(senderSSRC: 1, entries: [.init(ssrc: 0xDEAD_BEEF, sequenceNumber: 7)])
        #expect(try fir.serialized() == [0x84, 0xCE, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF, 7, 0, 0, 0])
        #expect(try RTCPPacket.parseCompound(fir.serialized()) == [.fullIntraRequest(fir)])
    }

    @Test func rembMantissaAndExponent() throws {
        let remb = ReceiverEstimatedMaxBitrate(senderSSRC: 1, bitrate: 0x3FFFF << 2, ssrcs: [0x1234_5678])
        let bytes = try remb.serialized()
        #expect(bytes == [
            0x8F, 0xCE, 0x00, 0x05, 0, 0, 0, 1, 0, 0, 0, 0, 0x52, 0x45, 0x4D, 0x42,
            0x01, 0x0B, 0xFF, 0xFF, 0x12, 0x34, 0x56, 0x78,
        ])
        #expect(try RTCPPacket.parseCompound(bytes) == [.receiverEstimatedMaxBitrate(remb)])
        // Bits below the mantissa's reach are rounded away.
        let rounded = try RTCPPacket.parseCompound(ReceiverEstimatedMaxBitrate(senderSSRC: 1, bitrate: 2_500_001, ssrcs: []).serialized())
        guard case .receiverEstimatedMaxBitrate(let parsed) = rounded.first else {
            Issue.record("expected REMB")
            return
        }
        #expect(parsed.bitrate <= 2_500_001 && parsed.bitrate > 2_499_000)
    }

    @Test func compoundWithUnknownPackets() throws {
        let report = ReceiverReport(ssrc: 5, reports: [ReceptionReport(ssrc: 6, extendedHighestSequenceNumber: 99)])
        let app: [UInt8] = [0x80, 0xCC, 0x00, 0x02, 0, 0, 0, 5, 0x41, 0x42, 0x43, 0x44]
        let transportCC: [UInt8] = [0x8F, 0xCD, 0x00, 0x02, 0, 0, 0, 5, 0, 0, 0, 6]
        let datagram = try report.serialized() + SourceDescription(source: 5, cname: "x").serialized() + app + transportCC
        let packets = try RTCPPacket.parseCompound(datagram)
        #expect(packets.count == 4)
        #expect(packets[0] == .receiverReport(report))
        #expect(packets[2] == .unknown(packetType: 204, count: 0, body: [0, 0, 0, 5, 0x41, 0x42, 0x43, 0x44]))
        #expect(packets[3] == .unknown(packetType: 205, count: 15, body: [0, 0, 0, 5, 0, 0, 0, 6]))
        #expect(try RTCPPacket.serializeCompound(packets) == datagram)
    }

    @Test func paddedPacket() throws {
        // PLI with P set and 4 padding octets (count 4).
        let bytes: [UInt8] = [0xA1, 0xCE, 0x00, 0x03, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 4]
        #expect(try RTCPPacket.parseCompound(bytes) == [.pictureLossIndication(.init(senderSSRC: 1, mediaSSRC: 2))])
    }

    @Test func rejectsMalformed() {
        #expect(throws: RTCPError.truncated) { try RTCPPacket.parseCompound([]) }
        #expect(throws: RTCPError.truncated) { try RTCPPacket.parseCompound([0x80, 0xC9]) }
        #expect(throws: RTCPError.unsupportedVersion(0)) { try RTCPPacket.parseCompound([0x00, 0xC9, 0x00, 0x01, 0, 0, 0, 0]) }
        // Length says 3 words follow; only 1 does.
        #expect(throws: RTCPError.truncated) { try RTCPPacket.parseCompound([0x80, 0xC9, 0x00, 0x03, 0, 0, 0, 1]) }
        // RC says one block but none follows.
        #expect(throws: RTCPError.self) { try RTCPPacket.parseCompound([0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 1]) }
        // Padding count larger than the body.
        #expect(throws: RTCPError.invalidPadding(40)) { try RTCPPacket.parseCompound([0xA0, 0xC9, 0x00, 0x01, 0, 0, 0, 40]) }
        // NACK with no FCI.
        #expect(throws: RTCPError.self) { try RTCPPacket.parseCompound([0x81, 0xCD, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2]) }
        // REMB with an exponent past 64 bits.
        let hugeREMB: [UInt8] = [0x8F, 0xCE, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 0, 0x52, 0x45, 0x4D, 0x42, 0x00, 0xFF, 0xFF, 0xFF]
        #expect(throws: RTCPError.self) { try RTCPPacket.parseCompound(hugeREMB) }
        // SDES item longer than the packet.
        #expect(throws: RTCPError.self) { try RTCPPacket.parseCompound([0x81, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 0x01, 0x20, 0x41, 0x00]) }
    }

    @Test func randomBytesNeverTrap() {
        var rng = SeededRandom(seed: 0x7C9)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...48, using: &rng)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if bytes.count >= 4 {
                bytes[0] = 0x80 | (bytes[0] & 0x3F)
                bytes[1] = UInt8.random(in: 200...206, using: &rng)
                bytes[2] = 0
                bytes[3] = UInt8(max(0, bytes.count / 4 - 1))
            }
            if let packets = try? RTCPPacket.parseCompound(bytes), let again = try? RTCPPacket.serializeCompound(packets) {
                #expect((try? RTCPPacket.parseCompound(again)) == packets)
            }
        }
    }
}
