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
