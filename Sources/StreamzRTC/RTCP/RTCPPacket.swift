/// One RTCP packet of a compound datagram.
public enum RTCPPacket: Equatable, Sendable {
    case senderReport(SenderReport)
    case receiverReport(ReceiverReport)
    case sourceDescription(SourceDescription)
    case goodbye(Goodbye)
    case nack(GenericNACK)
    case pictureLossIndication(PictureLossIndication)
    case fullIntraRequest(FullIntraRequest)
    case receiverEstimatedMaxBitrate(ReceiverEstimatedMaxBitrate)
    /// A type or feedback format this stack does not interpret (APP, XR, transport-cc, ...):
    /// stepped over by its length and kept whole so it can be relayed or logged.
    case unknown(packetType: UInt8, count: UInt8, body: [UInt8])

    /// Interprets one packet's body by its type and count/FMT field.
    init(header: RTCPHeader, body: [UInt8]) throws(RTCPError) {
        typealias Kind = RTCPHeader.PacketType
        switch (header.packetType, header.count) {
        case (Kind.senderReport, _):
            self = .senderReport(try SenderReport(count: header.count, body: body))
        case (Kind.receiverReport, _):
            self = .receiverReport(try ReceiverReport(count: header.count, body: body))
        case (Kind.sourceDescription, _):
            self = .sourceDescription(try SourceDescription(count: header.count, body: body))
        case (Kind.goodbye, _):
            self = .goodbye(try Goodbye(count: header.count, body: body))
        case (Kind.transportFeedback, GenericNACK.format):
            self = .nack(try GenericNACK(count: header.count, body: body))
        case (Kind.payloadFeedback, PictureLossIndication.format):
            self = .pictureLossIndication(try PictureLossIndication(count: header.count, body: body))
        case (Kind.payloadFeedback, FullIntraRequest.format):
            self = .fullIntraRequest(try FullIntraRequest(count: header.count, body: body))
        case (Kind.payloadFeedback, ReceiverEstimatedMaxBitrate.format) where ReceiverEstimatedMaxBitrate.matches(body: body):
            self = .receiverEstimatedMaxBitrate(try ReceiverEstimatedMaxBitrate(count: header.count, body: body))
        default:
            self = .unknown(packetType: header.packetType, count: header.count, body: body)
        }
    }

    /// The packet on the wire, header included.
    public func serialized() throws(RTCPError) -> [UInt8] {
        switch self {
        case .senderReport(let packet): return try packet.serialized()
        case .receiverReport(let packet): return try packet.serialized()
        case .sourceDescription(let packet): return try packet.serialized()
        case .goodbye(let packet): return try packet.serialized()
        case .nack(let packet): return try packet.serialized()
        case .pictureLossIndication(let packet): return try packet.serialized()
        case .fullIntraRequest(let packet): return try packet.serialized()
        case .receiverEstimatedMaxBitrate(let packet): return try packet.serialized()
        case .unknown(let packetType, let count, let body):
            guard body.count % 4 == 0, body.count / 4 <= Int(UInt16.max) else {
                throw .unencodable("unknown packet body of \(body.count) bytes")
            }
            var writer = MediaByteWriter(capacity: body.count + RTCPHeader.size)
            RTCPHeader(count: count, packetType: packetType, bodyLength: body.count).write(into: &writer)
            writer.append(body)
            return writer.bytes
        }
    }
}

extension RTCPPacket {
    /// Parses a compound RTCP datagram (RFC 3550 §6.1) into its packets.
    ///
    /// Reduced-size RTCP (RFC 5506) is accepted: the first packet need not be an
    /// SR or RR and a datagram may hold a single feedback message. A header whose
    /// length runs past the datagram, a bad version or padding, or a malformed
    /// body of a known type throws; unknown types are stepped over.
    public static func parseCompound(_ datagram: [UInt8]) throws(RTCPError) -> [RTCPPacket] {
        var reader = MediaByteReader(datagram, truncated: RTCPError.truncated)
        var packets: [RTCPPacket] = []
        guard !datagram.isEmpty else { throw .truncated }
        while !reader.isAtEnd {
            let start = reader.offset
            let header = try RTCPHeader(reading: &reader)
            let packetEnd = start + header.packetLength
            guard packetEnd <= datagram.count else { throw .truncated }
            var bodyEnd = packetEnd
            if header.hasPadding {
                // RFC 3550 §6.4.1: the packet's last octet counts the padding, itself included.
                let padding = datagram[packetEnd - 1]
                guard padding > 0, Int(padding) <= packetEnd - reader.offset else { throw .invalidPadding(padding) }
                bodyEnd -= Int(padding)
            }
            let body = Array(datagram[reader.offset..<bodyEnd])
            packets.append(try RTCPPacket(header: header, body: body))
            try reader.skip(packetEnd - reader.offset)
        }
        return packets
    }

    /// Serializes packets back to back into one compound datagram.
    public static func serializeCompound(_ packets: [RTCPPacket]) throws(RTCPError) -> [UInt8] {
        var bytes: [UInt8] = []
        for packet in packets {
            bytes += try packet.serialized()
        }
        return bytes
    }
}
