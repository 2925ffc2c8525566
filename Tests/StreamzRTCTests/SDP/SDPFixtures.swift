import Foundation
@testable import StreamzRTC

/// Reads the SDP fixtures next to the tests (no SwiftPM resources needed).
enum SDPFixtures {
    /// Captured on this machine: Chromium 156 (sendonly offer, recvonly answer)
    /// and aiortc 1.16.0; hand-written: Pion style and an H264-only offer.
    static let all = ["chrome-offer.sdp", "chrome-answer.sdp", "aiortc-offer.sdp", "aiortc-answer.sdp",
                      "pion-offer.sdp", "h264-only-offer.sdp"]

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/SDP")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func parsed(_ name: String) throws -> SessionDescription {
        try SessionDescription(parsing: text(name))
    }

    /// A fixed local transport for answers and offers under test.
    static func localTransport(candidates: [String] = ["1 1 udp 2130706431 127.0.0.1 40000 typ host"],
                               endOfCandidates: Bool = true) -> LocalTransportParameters {
        LocalTransportParameters(
            iceUfrag: "vWxy", icePwd: "0123456789abcdefghijkl",
            fingerprint: SDPFingerprint(algorithm: "sha-256", bytes: (0..<32).map { UInt8($0 * 7 & 0xFF) }),
            candidates: candidates, endOfCandidates: endOfCandidates)
    }
}
