/// Why an RTP packet or one of its header extensions was rejected.
public enum RTPError: Error, Equatable, Sendable {
    /// The datagram ended before a field it announced (header, CSRC list, extension, padding).
    case truncated
    /// RFC 3550 §5.1: the version field must be 2.
    case unsupportedVersion(UInt8)
    /// RFC 3550 §5.1: the last padding octet counts itself, so 0 or more than the payload is invalid.
    case invalidPadding(UInt8)
    /// RFC 8285: an extension element with a forbidden id or length.
    case invalidExtensionElement(id: UInt8, length: Int)
    /// An extension's value has the wrong size or content for its URI.
    case invalidExtensionValue(String)
    /// More than 15 CSRCs (the CC field is 4 bits).
    case tooManyCSRCs(Int)
}
