/// Full intra request, payload-specific feedback PT 206 FMT 4 (RFC 5104 §4.3.1):
/// a keyframe request per media sender, each with a command sequence number that
/// lets the sender tell repeats from new requests.
public struct FullIntraRequest: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.payloadFeedback
    public static let format: UInt8 = 4

    public struct Entry: Equatable, Sendable {
        public var ssrc: UInt32
        public var sequenceNumber: UInt8

        public init(ssrc: UInt32, sequenceNumber: UInt8) {
            self.ssrc = ssrc
            self.sequenceNumber = sequenceNumber
        }
    }

    public var senderSSRC: UInt32
    /// RFC 5104 §4.3.1.2: the common "media source" field is unused and set to 0.
    public var mediaSSRC: UInt32
    public var entries: [Entry]

    public init(senderSSRC: UInt32, entries: [Entry], mediaSSRC: UInt32 = 0) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
        self.entries = entries
    }

    public var countField: UInt8 { Self.format }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        senderSSRC = try reader.u32()
        mediaSSRC = try reader.u32()
        guard reader.remaining % 8 == 0, reader.remaining > 0 else {
            throw .malformed(packetType: Self.packetType, reason: "FIR needs whole 8-byte FCI entries")
        }
        entries = []
        while !reader.isAtEnd {
            let ssrc = try reader.u32()
            let sequenceNumber = try reader.u8()
            try reader.skip(3)
            entries.append(Entry(ssrc: ssrc, sequenceNumber: sequenceNumber))
        }
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        guard !entries.isEmpty else { throw .unencodable("a FIR with no entries") }
        var writer = MediaByteWriter()
        writer.u32(senderSSRC)
        writer.u32(mediaSSRC)
        for entry in entries {
            writer.u32(entry.ssrc)
            writer.u8(entry.sequenceNumber)
            writer.zeros(3)
        }
        return writer.bytes
    }
}
