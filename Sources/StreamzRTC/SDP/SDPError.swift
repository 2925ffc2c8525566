/// Why a session description could not be parsed at all.
///
/// The parser is tolerant (RFC 8866 §5 asks parsers to ignore unknown
/// attributes and lines); it only throws for what leaves no usable
/// description: a missing `v=`/`o=`, a malformed `o=`, `c=` or `m=` line, or a
/// line that is not `<letter>=<value>`.
public struct SDPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line number in the input; 0 when the input as a whole is at fault.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line == 0 ? "SDP: \(reason)" : "SDP line \(line): \(reason)"
    }
}

/// Why an offer/answer exchange failed. `code` is a stable snake_case token
/// that signalling can forward (e.g. `unsupported_codec`); `detail` says what
/// the remote side actually offered so the failure can be diagnosed.
public struct SDPNegotiationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var detail: String

    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `code: detail`, e.g. `unsupported_codec: offered H264 only`.
    public var description: String { "\(code): \(detail)" }

    static func unsupportedCodec(_ detail: String) -> Self { .init(code: "unsupported_codec", detail: detail) }
    /// PROTOCOL.md's code for a session type the device cannot serve: here, no m= section of a wanted kind.
    static func capabilityMissing(_ detail: String) -> Self { .init(code: "capability_missing", detail: detail) }
    static func mediaRejected(_ detail: String) -> Self { .init(code: "media_rejected", detail: detail) }
    static func unsupportedTransport(_ detail: String) -> Self { .init(code: "unsupported_transport", detail: detail) }
    static func missingTransportParameters(_ detail: String) -> Self {
        .init(code: "missing_transport_parameters", detail: detail)
    }
    static func mismatchedAnswer(_ detail: String) -> Self { .init(code: "mismatched_answer", detail: detail) }
}
