/// Picture loss indication, payload-specific feedback PT 206 FMT 1 (RFC 4585 §6.3.1):
/// the receiver lost part of the picture and asks for a new keyframe. No FCI.
public struct PictureLossIndication: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.payloadFeedback
    public static let format: UInt8 = 1

    public var senderSSRC: UInt32
    public var mediaSSRC: UInt32

    public init(senderSSRC: UInt32, mediaSSRC: UInt32) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
    }

    public var countField: UInt8 { Self.format }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        senderSSRC = try reader.u32()
        mediaSSRC = try reader.u32()
        // RFC 4585 §6.3.1.2: "PLI does not require parameters"; extra words are ignored.
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        var writer = MediaByteWriter()
        writer.u32(senderSSRC)
        writer.u32(mediaSSRC)
        return writer.bytes
    }
}
