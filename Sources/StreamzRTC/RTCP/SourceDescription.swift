/// Source description, PT 202 (RFC 3550 §6.5): chunks of items per SSRC/CSRC; WebRTC sends only CNAME.
public struct SourceDescription: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.sourceDescription

    /// RFC 3550 §6.5: item types (END is 0 and terminates a chunk's list).
    public enum ItemType {
        public static let cname: UInt8 = 1
        public static let name: UInt8 = 2
        public static let email: UInt8 = 3
        public static let phone: UInt8 = 4
        public static let location: UInt8 = 5
        public static let tool: UInt8 = 6
        public static let note: UInt8 = 7
        public static let priv: UInt8 = 8
    }

    public struct Item: Equatable, Sendable {
        public var type: UInt8
        public var value: [UInt8]

        public init(type: UInt8, value: [UInt8]) {
            self.type = type
            self.value = value
        }

        /// The value as text (SDES items are UTF-8, §6.5); `nil` when it is not.
        public var text: String? { String(validating: value, as: UTF8.self) }
    }

    public struct Chunk: Equatable, Sendable {
        public var source: UInt32
        public var items: [Item]

        public init(source: UInt32, items: [Item]) {
            self.source = source
            self.items = items
        }

        /// The CNAME item, the one item every RTCP compound must carry (§6.5.1).
        public var cname: String? { items.first { $0.type == ItemType.cname }?.text }
    }

    public var chunks: [Chunk]

    public init(chunks: [Chunk]) { self.chunks = chunks }

    /// The usual single chunk: one source and its CNAME.
    public init(source: UInt32, cname: String) {
        chunks = [Chunk(source: source, items: [Item(type: ItemType.cname, value: Array(cname.utf8))])]
    }

    public var countField: UInt8 { UInt8(truncatingIfNeeded: chunks.count) }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        chunks = []
        for _ in 0..<count {
            let chunkStart = reader.offset
            let source = try reader.u32()
            var items: [Item] = []
            while true {
                let type = try reader.u8()
                if type == 0 {
                    // §6.5: the list ends with a zero octet, then null octets up to the next word.
                    let used = reader.offset - chunkStart
                    try reader.skip((4 - used % 4) % 4)
                    break
                }
                let length = Int(try reader.u8())
                items.append(Item(type: type, value: try reader.take(length)))
            }
            chunks.append(Chunk(source: source, items: items))
        }
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        guard chunks.count <= 31 else { throw .unencodable("\(chunks.count) SDES chunks (at most 31)") }
        var writer = MediaByteWriter()
        for chunk in chunks {
            writer.u32(chunk.source)
            for item in chunk.items {
                guard item.type != 0, item.value.count <= 255 else {
                    throw .unencodable("SDES item type \(item.type) of \(item.value.count) bytes")
                }
                writer.u8(item.type)
                writer.u8(UInt8(item.value.count))
                writer.append(item.value)
            }
            // At least one zero octet ends the list; more pad the chunk to a word.
            writer.u8(0)
            writer.padToWord()
        }
        return writer.bytes
    }
}
