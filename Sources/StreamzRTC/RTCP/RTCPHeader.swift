/// The common RTCP header (RFC 3550 §6.4.1): version, padding, a 5-bit count or
/// feedback format, the packet type and the length in 32-bit words minus one.
public struct RTCPHeader: Equatable, Sendable {
    /// RFC 3550 §12.1 and RFC 4585 §6.1 packet types.
    public enum PacketType {
        public static let senderReport: UInt8 = 200
        public static let receiverReport: UInt8 = 201
        public static let sourceDescription: UInt8 = 202
        public static let goodbye: UInt8 = 203
        public static let application: UInt8 = 204
        public static let transportFeedback: UInt8 = 205
        public static let payloadFeedback: UInt8 = 206
    }

    public var hasPadding: Bool
    /// Reception report count, source count or feedback message type (FMT), by packet type.
    public var count: UInt8
    public var packetType: UInt8
    /// Length of the packet in 32-bit words minus one, header included.
    public var lengthInWords: UInt16

    public static let size = 4

    /// The whole packet's length in bytes.
    public var packetLength: Int { (Int(lengthInWords) + 1) * 4 }

    init(count: UInt8, packetType: UInt8, bodyLength: Int) {
        hasPadding = false
        self.count = count
        self.packetType = packetType
        lengthInWords = UInt16(truncatingIfNeeded: (bodyLength + Self.size) / 4 - 1)
    }

    init(reading reader: inout MediaByteReader<RTCPError>) throws(RTCPError) {
        let first = try reader.u8()
        let version = first >> 6
        guard version == 2 else { throw .unsupportedVersion(version) }
        hasPadding = first & 0x20 != 0
        count = first & 0x1F
        packetType = try reader.u8()
        lengthInWords = try reader.u16()
    }

    func write(into writer: inout MediaByteWriter) {
        writer.u8(2 << 6 | (hasPadding ? 0x20 : 0) | (count & 0x1F))
        writer.u8(packetType)
        writer.u16(lengthInWords)
    }
}

/// What every RTCP packet type implements: its type, its count/FMT field and its body.
public protocol RTCPPacketBody: Sendable {
    static var packetType: UInt8 { get }
    /// The 5-bit field of the common header for this packet.
    var countField: UInt8 { get }
    /// Parses the body (after the 4-byte header, padding removed).
    init(count: UInt8, body: [UInt8]) throws(RTCPError)
    /// The body, a whole number of 32-bit words.
    func serializedBody() throws(RTCPError) -> [UInt8]
}

extension RTCPPacketBody {
    /// The packet with its common header.
    public func serialized() throws(RTCPError) -> [UInt8] {
        let body = try serializedBody()
        guard body.count % 4 == 0, (body.count + RTCPHeader.size) / 4 - 1 <= Int(UInt16.max) else {
            throw .unencodable("packet of \(body.count) bytes")
        }
        var writer = MediaByteWriter(capacity: body.count + RTCPHeader.size)
        RTCPHeader(count: countField, packetType: Self.packetType, bodyLength: body.count).write(into: &writer)
        writer.append(body)
        return writer.bytes
    }

    static func reader(_ body: [UInt8]) -> MediaByteReader<RTCPError> {
        MediaByteReader(body, truncated: RTCPError.malformed(packetType: packetType, reason: "body too short"))
    }
}
