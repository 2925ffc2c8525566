@testable import StreamzRTC

/// Hex helpers and sample packets for the SRTP tests.
enum SRTPTestSupport {
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    /// An RTP packet: V=2, payload type 96, `sequence`, a fixed timestamp and SSRC.
    static func rtpPacket(sequence: UInt16, ssrc: UInt32 = 0x1234_5678, payload: [UInt8] = Array(0..<160)) -> [UInt8] {
        [0x80, 96, UInt8(sequence >> 8), UInt8(truncatingIfNeeded: sequence), 0, 0, 0x10, 0x00,
         UInt8(ssrc >> 24), UInt8(truncatingIfNeeded: ssrc >> 16), UInt8(truncatingIfNeeded: ssrc >> 8), UInt8(truncatingIfNeeded: ssrc)]
            + payload
    }

    /// An RTCP receiver report (PT 201) with one report block (RFC 3550 §6.4.2).
    static func rtcpReceiverReport(ssrc: UInt32 = 0x1234_5678) -> [UInt8] {
        [0x81, 201, 0, 7,
         UInt8(ssrc >> 24), UInt8(truncatingIfNeeded: ssrc >> 16), UInt8(truncatingIfNeeded: ssrc >> 8), UInt8(truncatingIfNeeded: ssrc)]
            + [0xCA, 0xFE, 0xBA, 0xBE] + Array(repeating: 0x11, count: 20)
    }

    static func keys(_ profile: SRTPProfile, seed: UInt8) -> SRTPMasterKey {
        SRTPMasterKey(
            key: (0..<UInt8(profile.masterKeyLength)).map { $0 &+ seed },
            salt: (0..<UInt8(profile.masterSaltLength)).map { $0 &* 3 &+ seed })
    }
}
