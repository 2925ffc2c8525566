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
