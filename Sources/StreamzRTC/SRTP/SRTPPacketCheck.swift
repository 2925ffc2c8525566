/// Header checks made before a packet reaches libsrtp, so garbage is refused
/// with a clear error instead of relying on the C library's bounds checks.
enum SRTPPacketCheck {
    /// Largest packet accepted: one UDP datagram.
    static let maximumLength = 65_507

    /// RFC 3550 §5.1 fixed header 12 bytes, CSRCs and the §5.3.1 extension
    /// must fit, followed by at least `trailer` bytes (the tag on inbound).
    static func rtp(_ packet: [UInt8], trailer: Int) throws(SRTPError) {
        guard packet.count <= maximumLength else { throw .packetTooLong(length: packet.count) }
        guard packet.count >= 12 + trailer else { throw .packetTooShort(length: packet.count, minimum: 12 + trailer) }
        guard packet[0] >> 6 == 2 else { throw .malformedHeader("RTP version \(packet[0] >> 6), expected 2") }
        var headerLength = 12 + 4 * Int(packet[0] & 0x0F)
        if packet[0] & 0x10 != 0 {
            guard packet.count >= headerLength + 4 + trailer else {
                throw .malformedHeader("extension header past the end")
            }
            let words = Int(packet[headerLength + 2]) << 8 | Int(packet[headerLength + 3])
            headerLength += 4 + 4 * words
        }
        guard packet.count >= headerLength + trailer else {
            throw .malformedHeader("header of \(headerLength) bytes (plus \(trailer) trailer) exceeds \(packet.count)")
        }
    }

    /// RFC 3550 §6.4.1: an RTCP header is 8 bytes (up to the sender SSRC),
    /// followed by at least `trailer` bytes (index and tag on inbound, RFC 3711 §3.4).
    static func rtcp(_ packet: [UInt8], trailer: Int) throws(SRTPError) {
        guard packet.count <= maximumLength else { throw .packetTooLong(length: packet.count) }
        guard packet.count >= 8 + trailer else { throw .packetTooShort(length: packet.count, minimum: 8 + trailer) }
        guard packet[0] >> 6 == 2 else { throw .malformedHeader("RTCP version \(packet[0] >> 6), expected 2") }
    }
}
