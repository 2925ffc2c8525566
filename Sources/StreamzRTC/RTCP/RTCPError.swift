/// Why an RTCP packet was rejected.
public enum RTCPError: Error, Equatable, Sendable {
    /// The datagram ended before the length a header announced.
    case truncated
    /// RFC 3550 §6.4.1: the version field must be 2.
    case unsupportedVersion(UInt8)
    /// RFC 3550 §6.4.1: the padding octet counts itself and must fit the packet.
    case invalidPadding(UInt8)
    /// A packet's body does not match what its type and count require.
    case malformed(packetType: UInt8, reason: String)
    /// A value that cannot be written (too many report blocks, a text over 255 bytes, ...).
    case unencodable(String)
}
