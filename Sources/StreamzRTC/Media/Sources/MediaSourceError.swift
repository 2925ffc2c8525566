/// Why a media file or source could not be used. Every parser in this folder
/// throws one of these for bad input instead of trapping, with enough detail
/// (offset, field, value) for the agent to print a useful message.
public enum MediaSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended inside a structure: `what` names it, `offset` is where it started.
    case truncated(what: String, offset: Int)
    /// The file does not start with (or a structure lacks) the expected signature.
    case badMagic(expected: String, offset: Int)
    /// A field holds a value the format forbids (size 0, rate 0, length past the end, ...).
    case invalidField(String)
    /// Well-formed, but a variant this project does not handle (VP9 in IVF, 4:2:2 Y4M, multistream Opus, ...).
    case unsupported(String)
    /// An Ogg page whose CRC does not match its contents (RFC 3533 §6).
    case checksumMismatch(offset: Int)
    /// A container without a single frame or packet to send.
    case empty(String)
    /// The caller's read closure failed.
    case readFailed(String)

    public var description: String {
        switch self {
        case .truncated(let what, let offset): "truncated \(what) at byte \(offset)"
        case .badMagic(let expected, let offset): "expected \(expected) at byte \(offset)"
        case .invalidField(let detail): "invalid \(detail)"
        case .unsupported(let detail): "unsupported \(detail)"
        case .checksumMismatch(let offset): "Ogg page at byte \(offset) fails its CRC check"
        case .empty(let detail): "no media: \(detail)"
        case .readFailed(let detail): "read failed: \(detail)"
        }
    }
}
