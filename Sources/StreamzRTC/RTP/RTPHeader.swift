/// The fixed RTP header, its CSRC list and header extensions (RFC 3550 §5.1).
public struct RTPHeader: Equatable, Sendable {
    public var marker: Bool
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    public var csrcs: [UInt32]
    public var extensions: RTPHeaderExtensions

    public init(
        marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
        csrcs: [UInt32] = [], extensions: RTPHeaderExtensions = RTPHeaderExtensions()
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.extensions = extensions
    }
}

/// An RTP packet: header, payload and the padding length it carried (RFC 3550 §5.1).
public struct RTPPacket: Equatable, Sendable {
    public var header: RTPHeader
    public var payload: [UInt8]
    /// Padding octets after the payload including the count octet itself; 0 for none.
    public var paddingLength: UInt8

    public init(header: RTPHeader, payload: [UInt8], paddingLength: UInt8 = 0) {
        self.header = header
        self.payload = payload
        self.paddingLength = paddingLength
    }

    /// The fixed part of the header: 12 bytes before CSRCs and extensions.
    public static let fixedHeaderLength = 12

    /// Parses one RTP packet, rejecting anything malformed with an `RTPError`.
    public init(parsing bytes: [UInt8]) throws(RTPError) {
        var reader = MediaByteReader(bytes, truncated: RTPError.truncated)
        let first = try reader.u8()
        let version = first >> 6
        guard version == 2 else { throw .unsupportedVersion(version) }
        let hasPadding = first & 0x20 != 0
        let hasExtension = first & 0x10 != 0
        let csrcCount = Int(first & 0x0F)
        let second = try reader.u8()
        let sequenceNumber = try reader.u16()
        let timestamp = try reader.u32()
        let ssrc = try reader.u32()
        var csrcs: [UInt32] = []
        csrcs.reserveCapacity(csrcCount)
        for _ in 0..<csrcCount {
            csrcs.append(try reader.u32())
        }
        let extensions = hasExtension ? try RTPHeaderExtensions.parse(&reader) : RTPHeaderExtensions()
        var payloadEnd = bytes.count
        var paddingLength: UInt8 = 0
        if hasPadding {
            // RFC 3550 §5.1: the last octet counts the padding, itself included.
            let count = bytes[bytes.count - 1]
            guard count > 0, Int(count) <= reader.remaining else { throw .invalidPadding(count) }
            paddingLength = count
            payloadEnd -= Int(count)
        }
        header = RTPHeader(
            marker: second & 0x80 != 0, payloadType: second & 0x7F, sequenceNumber: sequenceNumber,
            timestamp: timestamp, ssrc: ssrc, csrcs: csrcs, extensions: extensions)
        payload = Array(bytes[reader.offset..<payloadEnd])
        self.paddingLength = paddingLength
    }

    /// The packet on the wire.
    public func serialized() throws(RTPError) -> [UInt8] {
        guard header.csrcs.count <= 15 else { throw .tooManyCSRCs(header.csrcs.count) }
        var writer = MediaByteWriter(capacity: Self.fixedHeaderLength + payload.count + 64)
        var first: UInt8 = 2 << 6 | UInt8(header.csrcs.count)
        if paddingLength > 0 { first |= 0x20 }
        if !header.extensions.isEmpty { first |= 0x10 }
        writer.u8(first)
        writer.u8((header.marker ? 0x80 : 0) | (header.payloadType & 0x7F))
        writer.u16(header.sequenceNumber)
        writer.u32(header.timestamp)
        writer.u32(header.ssrc)
        for csrc in header.csrcs {
            writer.u32(csrc)
        }
        try header.extensions.write(into: &writer)
        writer.append(payload)
        if paddingLength > 0 {
            writer.zeros(Int(paddingLength) - 1)
            writer.u8(paddingLength)
        }
        return writer.bytes
    }
}
