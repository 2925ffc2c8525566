/// The last packets sent on one SSRC, kept so a NACK (RFC 4585 §6.2.1) can be
/// answered by sending them again.
public struct RTPPacketHistory: Sendable {
    public let capacity: Int
    private var packets: [UInt16: RTPPacket] = [:]
    private var order: [UInt16] = []
    private var oldest = 0

    /// `capacity` packets are kept (about a second of video at 512).
    public init(capacity: Int = 512) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { packets.count }

    /// Remembers a packet as it is sent; the oldest is forgotten past `capacity`.
    public mutating func record(_ packet: RTPPacket) {
        let sequence = packet.header.sequenceNumber
        if packets.updateValue(packet, forKey: sequence) != nil { return }
        order.append(sequence)
        if order.count - oldest > capacity {
            packets[order[oldest]] = nil
            oldest += 1
        }
        // Compact the order list once the consumed prefix dominates it.
        if oldest > capacity {
            order.removeFirst(oldest)
            oldest = 0
        }
    }

    /// The packets a NACK asks for that are still held, in the order asked.
    public func packets(for nack: GenericNACK) -> [RTPPacket] {
        nack.sequenceNumbers.compactMap { packets[$0] }
    }

    public subscript(sequenceNumber: UInt16) -> RTPPacket? { packets[sequenceNumber] }
}
