/// Generic NACK, transport-layer feedback PT 205 FMT 1 (RFC 4585 §6.2.1): the
/// receiver lists RTP sequence numbers it is missing, as (PID, BLP) pairs where
/// bit i of BLP means PID + i + 1 is missing too.
public struct GenericNACK: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.transportFeedback
    public static let format: UInt8 = 1

    public struct Entry: Equatable, Sendable {
        public var packetID: UInt16
        public var lostBitmask: UInt16

        public init(packetID: UInt16, lostBitmask: UInt16) {
            self.packetID = packetID
            self.lostBitmask = lostBitmask
        }

        /// The sequence numbers this entry reports lost, PID first.
        public var sequenceNumbers: [UInt16] {
            var result = [packetID]
            for bit in 0..<16 where lostBitmask & (1 << bit) != 0 {
                result.append(packetID &+ UInt16(bit + 1))
            }
            return result
        }
    }

    public var senderSSRC: UInt32
    public var mediaSSRC: UInt32
    public var entries: [Entry]

    public init(senderSSRC: UInt32, mediaSSRC: UInt32, entries: [Entry]) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
        self.entries = entries
    }

    /// Packs missing sequence numbers into as few entries as the bitmask allows.
    /// Numbers are taken in order of wrap-aware distance from the first one given.
    public init(senderSSRC: UInt32, mediaSSRC: UInt32, missing: [UInt16]) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
        entries = []
        guard let first = missing.first else { return }
        let ordered = Set(missing).sorted { ($0 &- first) < ($1 &- first) }
        for sequenceNumber in ordered {
            if let last = entries.last {
                let distance = sequenceNumber &- last.packetID
                if distance >= 1, distance <= 16 {
                    entries[entries.count - 1].lostBitmask |= 1 << (distance - 1)
                    continue
                }
            }
            entries.append(Entry(packetID: sequenceNumber, lostBitmask: 0))
        }
    }

    /// Every sequence number reported lost.
    public var sequenceNumbers: [UInt16] { entries.flatMap(\.sequenceNumbers) }

    public var countField: UInt8 { Self.format }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        senderSSRC = try reader.u32()
        mediaSSRC = try reader.u32()
        guard reader.remaining % 4 == 0, reader.remaining > 0 else {
            throw .malformed(packetType: Self.packetType, reason: "NACK needs whole FCI entries")
        }
        entries = []
        while !reader.isAtEnd {
            entries.append(Entry(packetID: try reader.u16(), lostBitmask: try reader.u16()))
        }
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        guard !entries.isEmpty else { throw .unencodable("a NACK with no entries") }
        var writer = MediaByteWriter()
        writer.u32(senderSSRC)
        writer.u32(mediaSSRC)
        for entry in entries {
            writer.u16(entry.packetID)
            writer.u16(entry.lostBitmask)
        }
        return writer.bytes
    }
}
