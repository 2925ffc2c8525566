/// Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb §2.2): an
/// application-layer feedback message (PT 206 FMT 15) with the unique identifier
/// "REMB", a bitrate as an 18-bit mantissa times 2^exp, and the SSRCs it applies to.
public struct ReceiverEstimatedMaxBitrate: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.payloadFeedback
    public static let format: UInt8 = 15
    static let identifier: [UInt8] = Array("REMB".utf8)

    public var senderSSRC: UInt32
    /// Bits per second. On the wire it is rounded down to what mantissa and exponent can say.
    public var bitrate: UInt64
    public var ssrcs: [UInt32]

    public init(senderSSRC: UInt32, bitrate: UInt64, ssrcs: [UInt32]) {
        self.senderSSRC = senderSSRC
        self.bitrate = bitrate
        self.ssrcs = ssrcs
    }

    public var countField: UInt8 { Self.format }

    /// Whether an application-layer feedback body is a REMB (checks the "REMB" identifier).
    static func matches(body: [UInt8]) -> Bool {
        body.count >= 12 && Array(body[8..<12]) == identifier
    }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        senderSSRC = try reader.u32()
        // draft §2.2: the media source SSRC is always 0; the SSRCs come after the bitrate.
        _ = try reader.u32()
        guard try reader.take(4) == Self.identifier else {
            throw .malformed(packetType: Self.packetType, reason: "application feedback without the REMB identifier")
        }
        let ssrcCount = Int(try reader.u8())
        let exponentAndMantissa = try reader.u24()
        let exponent = exponentAndMantissa >> 18
        let mantissa = UInt64(exponentAndMantissa & 0x3_FFFF)
        // 18 + 63 bits would overflow; the draft only needs the 64-bit range.
        guard exponent <= 46 else { throw .malformed(packetType: Self.packetType, reason: "REMB exponent \(exponent)") }
        bitrate = mantissa << exponent
        ssrcs = []
        for _ in 0..<ssrcCount {
            ssrcs.append(try reader.u32())
        }
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        guard ssrcs.count <= 255 else { throw .unencodable("\(ssrcs.count) REMB SSRCs (at most 255)") }
        var exponent: UInt32 = 0
        var mantissa = bitrate
        while mantissa > 0x3_FFFF {
            mantissa >>= 1
            exponent += 1
        }
        var writer = MediaByteWriter()
        writer.u32(senderSSRC)
        writer.u32(0)
        writer.append(Self.identifier)
        writer.u8(UInt8(ssrcs.count))
        writer.u24(exponent << 18 | UInt32(mantissa))
        for ssrc in ssrcs {
            writer.u32(ssrc)
        }
        return writer.bytes
    }
}
