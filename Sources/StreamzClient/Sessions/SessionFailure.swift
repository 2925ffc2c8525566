import StreamzProtocol
import StreamzRTC

/// Why a session failed, as PROTOCOL.md §3 and §5 name it: a stable snake_case `code`
/// (`device_offline`, `capability_missing`, `timeout`, `ice_failed`, `dtls_failed`,
/// `unsupported_codec`, …) that programs match, and a `message` for people.
public struct SessionFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Reads a `session.state`/`session.ended` reason: a code, optionally followed by `: ` and a
    /// detail (PROTOCOL.md §3). A reason without a detail uses the code as the message.
    public init(reason: String) {
        if let colon = reason.range(of: ": ") {
            self.init(code: String(reason[..<colon.lowerBound]), message: String(reason[colon.upperBound...]))
        } else {
            self.init(code: reason, message: reason)
        }
    }

    /// The `reason` of a `session.state failed` report: `code: message`. Only the first line of
    /// a multi-line message goes on the wire, so the server's record stays one line; the rest
    /// (ICE's list of tried pairs) is joined with `; ` so nothing a person needs is lost.
    public var reason: String {
        let detail = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
        return detail.isEmpty || detail == code ? code : "\(code): \(detail)"
    }

    public var description: String { reason }

    /// The peer gave up: ICE found no working pair, or DTLS/SRTP failed.
    public init(_ failure: RTCPeerFailure) {
        self.init(code: failure.code, message: failure.detail)
    }

    /// The offer could not be answered (`unsupported_codec: offered H264 only`, …).
    public init(_ error: SDPNegotiationError) {
        self.init(code: error.code, message: error.detail)
    }

    /// A signalling request failed: the server's error code (`device_offline`,
    /// `capability_missing`, `not_found`, …), or the connection's trouble.
    public init(_ error: SignallingError) {
        switch error {
        case .server(let code, let message): self.init(code: code, message: message)
        case .timedOut: self.init(code: "timeout", message: error.description)
        case .notConnected, .disconnected: self.init(code: "server_unreachable", message: error.description)
        case .encoding: self.init(code: "internal", message: error.description)
        }
    }

    /// A REST call failed: the server's code, or why the server could not be used.
    public init(_ error: StreamzAPIError) {
        switch error {
        case .server(let answer): self.init(code: answer.code, message: answer.message)
        case .network: self.init(code: "server_unreachable", message: error.description)
        case .unexpectedResponse: self.init(code: "unexpected_response", message: error.description)
        case .notSignedIn: self.init(code: "unauthorized", message: error.description)
        case .credentials: self.init(code: "credentials", message: error.description)
        }
    }

    /// A peer API call failed: negotiation errors keep their own code.
    public init(peerError error: any Error) {
        if let error = error as? RTCPeerError, case .negotiation(let negotiation) = error {
            self.init(negotiation)
        } else if let error = error as? SDPNegotiationError {
            self.init(error)
        } else if let error = error as? SignallingError {
            self.init(error)
        } else if let error = error as? SDPParseError {
            self.init(code: "invalid_description", message: error.description)
        } else {
            self.init(code: "internal", message: "\(error)")
        }
    }
}
