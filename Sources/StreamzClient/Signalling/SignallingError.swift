/// Why a signalling send or request failed.
public enum SignallingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There is no authenticated connection right now (connecting, reconnecting or signed out).
    case notConnected
    /// The connection was lost before the answer came.
    case disconnected
    /// No answer within the request's time limit.
    case timedOut
    /// The server answered the request with an `error` (codes of PROTOCOL.md §1).
    case server(code: String, message: String)
    /// The message could not be encoded.
    case encoding(String)

    public var description: String {
        switch self {
        case .notConnected: "Not connected to the server."
        case .disconnected: "The connection to the server was lost before it answered."
        case .timedOut: "The server did not answer in time."
        case .server(_, let message): message
        case .encoding(let detail): "Could not encode the message: \(detail)"
        }
    }
}
