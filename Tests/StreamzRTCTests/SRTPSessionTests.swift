import Testing
@testable import StreamzRTC

@Suite("SRTP sessions")
struct SRTPSessionTests {
    typealias Support = SRTPTestSupport

    @Test("RTP and RTCP round-trip", arguments: SRTPProfile.allCases)
    func roundTrip(profile: SRTPProfile) throws {
        let key = Support.keys(profile, seed: 5)
        let sender = try SRTPSender(profile: profile, masterKey: key)
        let receiver = try SRTPReceiver(profile: profile, masterKey: key)
        for sequence in UInt16(1000)..<1010 {
            let packet = Support.rtpPacket(sequence: sequence)
            let protected = try sender.protectRTP(packet)
            #expect(protected.count == packet.count + profile.authenticationTagLength)
            #expect(Array(protected.prefix(12)) == Array(packet.prefix(12)))
            #expect(Array(protected[12..<packet.count]) != Array(packet[12...]))
            #expect(try receiver.unprotectRTP(protected) == packet)
        }
        let report = Support.rtcpReceiverReport()
        let protectedReport = try sender.protectRTCP(report)
        // RFC 3711 §3.4: the E flag and 31-bit index word, then the tag.
        #expect(protectedReport.count == report.count + 4 + profile.authenticationTagLength)
        #expect(try receiver.unprotectRTCP(protectedReport) == report)
    }

    @Test("a tampered packet fails authentication", arguments: SRTPProfile.allCases)
    func tampered(profile: SRTPProfile) throws {
        let key = Support.keys(profile, seed: 9)
        let sender = try SRTPSender(profile: profile, masterKey: key)
        let receiver = try SRTPReceiver(profile: profile, masterKey: key)
        for position in [1, 13, 40] {
            var protected = try sender.protectRTP(Support.rtpPacket(sequence: UInt16(position)))
            protected[position] ^= 0x01
            #expect(throws: SRTPError.authenticationFailed) { try receiver.unprotectRTP(protected) }
        }
        var tag = try sender.protectRTP(Support.rtpPacket(sequence: 77))
        tag[tag.count - 1] ^= 0x80
        #expect(throws: SRTPError.authenticationFailed) { try receiver.unprotectRTP(tag) }

        var report = try sender.protectRTCP(Support.rtcpReceiverReport())
        report[10] ^= 0xFF
        #expect(throws: SRTPError.authenticationFailed) { try receiver.unprotectRTCP(report) }
    }

    @Test("other keys fail authentication")
    func wrongKeys() throws {
        let sender = try SRTPSender(profile: .aes128CMSHA1_80, masterKey: Support.keys(.aes128CMSHA1_80, seed: 1))
        let receiver = try SRTPReceiver(profile: .aes128CMSHA1_80, masterKey: Support.keys(.aes128CMSHA1_80, seed: 2))
        let protected = try sender.protectRTP(Support.rtpPacket(sequence: 1))
        #expect(throws: SRTPError.authenticationFailed) { try receiver.unprotectRTP(protected) }
    }

    @Test("a replayed packet is refused, a late one inside the window accepted", arguments: SRTPProfile.allCases)
    func replay(profile: SRTPProfile) throws {
        let key = Support.keys(profile, seed: 3)
        let sender = try SRTPSender(profile: profile, masterKey: key)
        let receiver = try SRTPReceiver(profile: profile, masterKey: key)
        let first = try sender.protectRTP(Support.rtpPacket(sequence: 10))
        let second = try sender.protectRTP(Support.rtpPacket(sequence: 11))
        let third = try sender.protectRTP(Support.rtpPacket(sequence: 12))
        _ = try receiver.unprotectRTP(first)
        _ = try receiver.unprotectRTP(third)
        #expect(throws: SRTPError.replayed) { try receiver.unprotectRTP(first) }
        #expect(throws: SRTPError.replayed) { try receiver.unprotectRTP(third) }
        // Reordered but new: accepted once.
        #expect(try receiver.unprotectRTP(second) == Support.rtpPacket(sequence: 11))
        #expect(throws: SRTPError.replayed) { try receiver.unprotectRTP(second) }

        let report = try sender.protectRTCP(Support.rtcpReceiverReport())
        _ = try receiver.unprotectRTCP(report)
        #expect(throws: SRTPError.replayed) { try receiver.unprotectRTCP(report) }
    }

    @Test("the sender may resend the very same packet (NACK) without error")
    func repeatTransmission() throws {
        let sender = try SRTPSender(profile: .aeadAES128GCM, masterKey: Support.keys(.aeadAES128GCM, seed: 4))
        let packet = Support.rtpPacket(sequence: 500)
        let once = try sender.protectRTP(packet)
        #expect(try sender.protectRTP(packet) == once)
    }

    @Test("short and malformed packets are refused with clear errors", arguments: SRTPProfile.allCases)
    func malformed(profile: SRTPProfile) throws {
        let key = Support.keys(profile, seed: 6)
        let sender = try SRTPSender(profile: profile, masterKey: key)
        let receiver = try SRTPReceiver(profile: profile, masterKey: key)
        #expect(throws: SRTPError.packetTooShort(length: 0, minimum: 12)) { try sender.protectRTP([]) }
        #expect(throws: SRTPError.packetTooShort(length: 11, minimum: 12)) { try sender.protectRTP(Array(repeating: 0x80, count: 11)) }
        #expect(throws: SRTPError.packetTooShort(length: 4, minimum: 8)) { try sender.protectRTCP([0x80, 200, 0, 1]) }
        let tag = profile.authenticationTagLength
        #expect(throws: SRTPError.packetTooShort(length: 12, minimum: 12 + tag)) {
            try receiver.unprotectRTP(Support.rtpPacket(sequence: 1, payload: []))
        }
        #expect(throws: SRTPError.packetTooShort(length: 8, minimum: 12 + tag)) {
            try receiver.unprotectRTCP(Array(Support.rtcpReceiverReport().prefix(8)))
        }
        // Version 1.
        var wrongVersion = Support.rtpPacket(sequence: 1)
        wrongVersion[0] = 0x40
        #expect(throws: SRTPError.malformedHeader("RTP version 1, expected 2")) { try sender.protectRTP(wrongVersion) }
        // Fifteen CSRCs announced in a 20-byte packet.
        var csrcs = Support.rtpPacket(sequence: 1, payload: Array(repeating: 0, count: 8))
        csrcs[0] = 0x8F
        #expect(throws: SRTPError.self) { try sender.protectRTP(csrcs) }
        // An extension header whose length runs past the end.
        var extensionPastEnd = Support.rtpPacket(sequence: 1, payload: [0xBE, 0xDE, 0x00, 0xFF])
        extensionPastEnd[0] = 0x90
        #expect(throws: SRTPError.self) { try sender.protectRTP(extensionPastEnd) }
        #expect(throws: SRTPError.packetTooLong(length: 70_000)) { try sender.protectRTP([0x80] + Array(repeating: 0, count: 69_999)) }
    }

    @Test("random garbage never crashes the receiver", arguments: SRTPProfile.allCases)
    func garbage(profile: SRTPProfile) throws {
        let receiver = try SRTPReceiver(profile: profile, masterKey: Support.keys(profile, seed: 8))
        var generator = SeededRandom(seed: 99)
        var failures = 0
        for round in 0..<2000 {
            var packet = (0..<Int(generator.next() % 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            // Half with a plausible version so they reach libsrtp.
            if round % 2 == 0, !packet.isEmpty { packet[0] = 0x80 | (packet[0] & 0x3F) }
            do {
                _ = try receiver.unprotectRTP(packet)
            } catch {
                failures += 1
            }
            do {
                _ = try receiver.unprotectRTCP(packet)
            } catch {
                failures += 1
            }
        }
        #expect(failures == 4000)
    }

    @Test("errors read well in logs")
    func descriptions() {
        #expect(SRTPError.library(operation: "srtp_create", status: 2).description == "srtp_create failed: srtp_err_status_bad_param (2)")
        #expect(SRTPError.library(operation: "srtp_protect", status: 99).description == "srtp_protect failed: libsrtp status 99")
        #expect(SRTPError.authenticationFailed.description == "authentication failed")
    }

    @Test("keys of the wrong length are refused")
    func wrongKeyLength() {
        #expect(throws: SRTPError.wrongKeyLength(expected: 30, actual: 28)) {
            try SRTPSender(profile: .aes128CMSHA1_80, masterKey: Support.keys(.aeadAES128GCM, seed: 0))
        }
        #expect(throws: SRTPError.wrongKeyLength(expected: 28, actual: 30)) {
            try SRTPReceiver(profile: .aeadAES128GCM, masterKey: Support.keys(.aes128CMSHA1_80, seed: 0))
        }
    }
}
