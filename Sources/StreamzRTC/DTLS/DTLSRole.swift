/// Which end of the DTLS handshake we are.
///
/// RFC 5763 §5 / RFC 8842 §5: the endpoint whose SDP says `a=setup:active`
/// opens the handshake (client); `a=setup:passive` waits for it (server).
public enum DTLSRole: Hashable, Sendable {
    case client
    case server

    /// The role for our own negotiated `a=setup` value; nil for "actpass",
    /// which an answer must never leave standing (RFC 8842 §5.3).
    public init?(localSetup: String) {
        switch localSetup.lowercased() {
        case "active": self = .client
        case "passive": self = .server
        default: return nil
        }
    }
}

/// Where a DTLS transport stands.
public enum DTLSState: Equatable, Sendable {
    /// Created, `start` not yet called.
    case new
    /// Handshake under way.
    case connecting
    /// Handshake complete, peer fingerprint verified, SRTP keys exported.
    case connected
    /// Failed for good; the reason starts with "dtls_failed:".
    case failed(reason: String)
    /// Closed by us or by the peer's close_notify.
    case closed
}

/// What a DTLS transport reports to its owner.
public enum DTLSEvent: Equatable, Sendable {
    /// The handshake finished; SRTP can start with these keys.
    case connected(SRTPKeyingMaterial)
    /// The transport failed (handshake error, fingerprint mismatch, fatal alert).
    case failed(reason: String)
    /// close_notify was sent or received.
    case closed
}
