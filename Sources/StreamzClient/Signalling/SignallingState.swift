import StreamzProtocol

/// Where the signalling connection stands, for the caller to show.
public enum SignallingState: Equatable, Sendable {
    /// Opening the socket and authenticating (first attempt or a retry now under way).
    case connecting
    /// Authenticated: `welcome` arrived (its connection id names this
    /// connection in `POST /sessions`).
    case online(ServerMessage.Welcome)
    /// Lost; the next attempt starts after `in` (attempt counts retries since the last `online`).
    case reconnecting(in: Duration, attempt: Int)
    /// Stopped for good; a new client (after signing in again) is needed.
    case signedOut(SignedOutReason)
}

/// Why a signalling client stopped and will not reconnect.
public enum SignedOutReason: Equatable, Sendable {
    /// The server closed with a code after which clients must not reconnect
    /// (PROTOCOL.md §3): 4401 bad or expired token, 4403 forbidden, 4409
    /// replaced by a newer connection, 4410 device removed.
    case closed(code: UInt16, reason: String?)
    /// No valid access token could be had: the refresh token was refused,
    /// or the client is not signed in.
    case authentication(StreamzAPIError)
    /// The caller stopped the client.
    case stopped
}
