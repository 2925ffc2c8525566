/// Why a VP8 RTP payload or frame was rejected.
public enum VP8Error: Error, Equatable, Sendable {
    /// The payload ended inside the payload descriptor or payload header.
    case truncated
    /// RFC 7741 §4.2: a packet must carry VP8 data after its descriptor.
    case emptyPayload
    /// RFC 7741 §4.3: a keyframe header lacks the 0x9d 0x01 0x2a start code.
    case invalidKeyframeStartCode
    /// A descriptor field out of its range (PictureID over 15 bits, TID over 2 bits, ...).
    case invalidField(String)
    /// The packetizer cannot fit a descriptor and at least one byte of payload in the MTU.
    case payloadSizeTooSmall(Int)
}
