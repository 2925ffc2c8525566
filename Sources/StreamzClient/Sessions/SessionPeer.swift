import Foundation
import StreamzProtocol
import StreamzRTC

/// Makes the `PeerRuntime` of one session: a fresh DTLS certificate, ICE credentials and seeds
/// each time, so no two sessions share keys (RFC 8827 §6.5 lets a peer reuse its certificate, but
/// a per-session one costs a few milliseconds and keeps sessions unlinkable).
public struct SessionPeerOptions: Sendable {
    /// Gather only 127.0.0.1 (tests and one-machine demos); otherwise every interface address that is up.
    public var loopbackOnly: Bool
    /// Also gather 127.0.0.1 next to the other interfaces.
    public var includeLoopback: Bool

    public init(loopbackOnly: Bool = false, includeLoopback: Bool = false) {
        self.loopbackOnly = loopbackOnly
        self.includeLoopback = includeLoopback
    }

    /// A runtime for `role`. The session's `iceServers` go to the runtime: `stun:` URLs give
    /// server-reflexive candidates; `turn:` URLs are kept until relay candidates are gathered.
    func makeRuntime(role: RTCPeerRole, iceServers: [ICEServer] = []) throws -> PeerRuntime {
        var random = SystemRandomNumberGenerator()
        let certificate = try DTLSCertificate(unixTime: Int64(Date().timeIntervalSince1970))
        let config = RTCPeerConfig(role: role, certificate: certificate, iceCredentials: .random(using: &random),
                                   seed: random.next(), sessionID: random.next() >> 2)
        return try PeerRuntime(.init(peer: config, loopbackOnly: loopbackOnly, includeLoopback: includeLoopback,
                                     iceServers: iceServers))
    }
}

extension PeerRuntime {
    /// Applies a `signal` from the other party (PROTOCOL.md §3): a trickled candidate or the end
    /// of candidates. Descriptions are the caller's business (offer vs answer differ by role).
    /// Candidates for a `mid` of the bundle go to the one bundled transport.
    func apply(_ content: SignalMessage.Content) async throws {
        switch content {
        case .candidate(let candidate):
            try await addRemoteCandidate(candidate.candidate, sdpMid: candidate.sdpMid, mLineIndex: candidate.sdpMLineIndex)
        case .endOfCandidates:
            try await addRemoteEndOfCandidates()
        case .description:
            break
        }
    }
}

extension ICECandidate {
    /// The `signal` payload for trickling this candidate: under BUNDLE a sender uses the first
    /// bundled m-line (mid "0", index 0), PROTOCOL.md §3.
    var signalInit: ICECandidateInit {
        ICECandidateInit(candidate: sdpAttributeValue(withPrefix: true), sdpMid: "0", sdpMLineIndex: 0)
    }
}
