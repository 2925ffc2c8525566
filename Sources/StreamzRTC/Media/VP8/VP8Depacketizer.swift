/// VP8 depacketizer (RFC 7741 §4): strips the payload descriptor; a frame starts
/// at a packet with S = 1 and PID = 0 and ends at the packet with the marker bit (§4.1).
public struct VP8Depacketizer: RTPDepacketizer {
    public init() {}

    public func unmarshal(_ payload: [UInt8]) throws(VP8Error) -> [UInt8] {
        let (_, length) = try VP8PayloadDescriptor.parse(payload)
        return Array(payload[length...])
    }

    /// The descriptor and the VP8 bytes together, for callers that need PictureID or TID.
    public func unmarshalWithDescriptor(_ payload: [UInt8]) throws(VP8Error) -> (VP8PayloadDescriptor, [UInt8]) {
        let (descriptor, length) = try VP8PayloadDescriptor.parse(payload)
        return (descriptor, Array(payload[length...]))
    }

    public func isPartitionHead(_ payload: [UInt8]) -> Bool {
        // Only the first byte is needed: S (0x10) set and PID (low 3 bits) zero.
        guard let first = payload.first else { return false }
        return first & 0x10 != 0 && first & 0x07 == 0
    }

    public func isPartitionTail(marker: Bool, payload: [UInt8]) -> Bool {
        marker
    }
}
