/// Goodbye, PT 203 (RFC 3550 §6.6): these sources are leaving, optionally with a reason.
public struct Goodbye: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.goodbye

    public var sources: [UInt32]
    public var reason: String?

    public init(sources: [UInt32], reason: String? = nil) {
        self.sources = sources
        self.reason = reason
    }

    public var countField: UInt8 { UInt8(truncatingIfNeeded: sources.count) }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        sources = []
        for _ in 0..<count {
            sources.append(try reader.u32())
        }
        reason = nil
        if !reader.isAtEnd {
            let length = Int(try reader.u8())
            let bytes = try reader.take(length)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .malformed(packetType: Self.packetType, reason: "reason is not UTF-8")
            }
            reason = text
        }
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        guard sources.count <= 31 else { throw .unencodable("\(sources.count) BYE sources (at most 31)") }
        var writer = MediaByteWriter()
        for source in sources {
            writer.u32(source)
        }
        if let reason {
            let bytes = Array(reason.utf8)
            guard bytes.count <= 255 else { throw .unencodable("BYE reason of \(bytes.count) bytes") }
            writer.u8(UInt8(bytes.count))
            writer.append(bytes)
            writer.padToWord()
        }
        return writer.bytes
    }
}
