/// Why a datagram could not be read as a STUN message (RFC 8489 §5, §14).
public enum STUNParseError: Error, Equatable, Sendable {
    /// Fewer than the 20 header bytes, or fewer bytes than the header's length says.
    case truncated
    /// The two most significant bits of the first byte are not zero (RFC 8489 §5).
    case notSTUN
    /// The magic cookie is not 0x2112A442 (RFC 8489 §5: we speak only RFC 5389 and later).
    case badMagicCookie
    /// The message length is not a multiple of four or disagrees with the datagram size.
    case badLength
    /// An attribute's value has the wrong size or content for its type.
    case malformedAttribute(type: UInt16)
    /// Text that is not valid UTF-8 or exceeds the RFC's limit.
    case invalidText(type: UInt16)
    /// An attribute follows FINGERPRINT, which must be last (RFC 8489 §14.7).
    case attributeAfterFingerprint
}
