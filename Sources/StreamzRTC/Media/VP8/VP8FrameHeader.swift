/// The start of a VP8 frame (RFC 7741 §4.3, RFC 6386 §9.1): the 3-byte frame tag and,
/// for keyframes, the start code and the picture size. It tells keyframes apart
/// without decoding, which the jitter buffer needs to resume after loss.
public struct VP8FrameHeader: Equatable, Sendable {
    /// P = 0: an intra frame that decodes on its own.
    public var isKeyframe: Bool
    /// VER: the reconstruction filter profile, 0-3.
    public var version: UInt8
    /// H: whether the frame is meant to be shown.
    public var showFrame: Bool
    /// Size of the first partition in bytes (19 bits).
    public var firstPartitionSize: UInt32
    /// Keyframes only: picture size and the 2-bit scaling hints.
    public var width: Int?
    public var height: Int?
    public var horizontalScale: UInt8?
    public var verticalScale: UInt8?

    /// Parses the beginning of a VP8 frame (the payload after the first packet's descriptor).
    public init(parsing frame: [UInt8]) throws(VP8Error) {
        var reader = MediaByteReader(frame, truncated: VP8Error.truncated)
        // RFC 7741 §4.3: |Size0|H| VER |P| then Size1, Size2; size = Size0 + 8 Size1 + 2048 Size2.
        let tag0 = try reader.u8()
        let tag1 = try reader.u8()
        let tag2 = try reader.u8()
        isKeyframe = tag0 & 0x01 == 0
        version = (tag0 >> 1) & 0x07
        showFrame = tag0 & 0x10 != 0
        firstPartitionSize = UInt32(tag0 >> 5) | UInt32(tag1) << 3 | UInt32(tag2) << 11
        guard isKeyframe else { return }
        // RFC 6386 §9.1: keyframes continue with 0x9d 0x01 0x2a, then 14-bit width and height
        // (little endian) each topped by a 2-bit scale.
        guard try reader.take(3) == [0x9D, 0x01, 0x2A] else { throw .invalidKeyframeStartCode }
        let widthField = UInt16(try reader.u8()) | UInt16(try reader.u8()) << 8
        let heightField = UInt16(try reader.u8()) | UInt16(try reader.u8()) << 8
        width = Int(widthField & 0x3FFF)
        horizontalScale = UInt8(widthField >> 14)
        height = Int(heightField & 0x3FFF)
        verticalScale = UInt8(heightField >> 14)
    }

    /// Whether the first packet of a frame (descriptor included) starts a keyframe.
    /// Only packets with S = 1 and PID = 0 carry the payload header (§4.3); others are never keyframe starts.
    public static func isKeyframe(payload: [UInt8]) throws(VP8Error) -> Bool {
        let (descriptor, length) = try VP8PayloadDescriptor.parse(payload)
        guard descriptor.isFirstPacketOfFrame else { return false }
        // The P bit sits in the first byte; a keyframe must also show the start code,
        // unless the packet was cut short before it (then trust P alone).
        guard payload[length] & 0x01 == 0 else { return false }
        if payload.count - length >= 6 {
            return Array(payload[(length + 3)..<(length + 6)]) == [0x9D, 0x01, 0x2A]
        }
        return true
    }
}
