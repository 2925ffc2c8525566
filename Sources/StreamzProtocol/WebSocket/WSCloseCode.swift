/// WebSocket close codes of PROTOCOL.md §3 "Errors and closing". Codes in the
/// 4000-4999 range are private-use (RFC 6455 §7.4.2); 1000 and 1001 are the
/// standard normal closure and going-away codes (RFC 6455 §7.4.1).
public enum WSCloseCode: UInt16, Sendable, CaseIterable {
    case normalClosure = 1000
    /// The server is shutting down.
    case goingAway = 1001
    /// The client did not read its messages fast enough to keep up.
    case policyViolation = 1008
    /// The server failed to serve the connection (for example, its database failed).
    case internalError = 1011
    /// A malformed or oversized message.
    case malformedMessage = 4400
    /// A bad or expired token, or a first message that is not `auth`.
    case unauthorized = 4401
    /// The device id is not one of the user's devices.
    case forbidden = 4403
    /// No `auth` in time, or no frame from a device for 2.5 heartbeat intervals.
    case timeout = 4408
    /// A newer connection for the same device replaced this one.
    case replaced = 4409
    /// The device was deleted.
    case deviceRemoved = 4410

    /// Whether a client should reconnect (with backoff) after this code:
    /// everything but 4401, 4403, 4409 and 4410, so a replaced device
    /// connection does not fight back (PROTOCOL.md §3).
    public var clientShouldReconnect: Bool {
        switch self {
        case .unauthorized, .forbidden, .replaced, .deviceRemoved: false
        case .normalClosure, .goingAway, .policyViolation, .internalError, .malformedMessage, .timeout: true
        }
    }
}
