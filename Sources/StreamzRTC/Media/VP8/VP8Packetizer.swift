/// Splits encoded VP8 frames into RTP payloads no larger than `maxPayloadSize` (RFC 7741 §4.1).
///
/// Every payload carries a descriptor with a 15-bit PictureID that advances by one
/// per frame (as Chrome sends it), so a receiver can spot whole lost frames. The
/// first payload of a frame has S = 1 and PID = 0; the caller sets the RTP marker
/// bit on the last payload and gives all of them the frame's timestamp.
public struct VP8Packetizer: Sendable {
    /// Bytes left for the RTP payload after the RTP header (and SRTP tag) in the MTU.
    public let maxPayloadSize: Int
    /// The PictureID the next frame gets.
    public private(set) var nextPictureID: UInt16

    /// X, I|L|T|K and the two bytes of a 15-bit PictureID.
    static let descriptorSize = 4

    public init(maxPayloadSize: Int = 1200, firstPictureID: UInt16 = 0) throws(VP8Error) {
        guard maxPayloadSize > Self.descriptorSize else { throw .payloadSizeTooSmall(maxPayloadSize) }
        self.maxPayloadSize = maxPayloadSize
        nextPictureID = firstPictureID & 0x7FFF
    }

    /// The payloads for one encoded frame, in order.
    public mutating func packetize(frame: [UInt8], nonReference: Bool = false) throws(VP8Error) -> [[UInt8]] {
        guard !frame.isEmpty else { throw .emptyPayload }
        let pictureID = nextPictureID
        nextPictureID = (nextPictureID + 1) & 0x7FFF
        let chunk = maxPayloadSize - Self.descriptorSize
        // Spread the bytes evenly so the last packet is not a tiny remainder.
        let packetCount = (frame.count + chunk - 1) / chunk
        let baseSize = frame.count / packetCount
        let larger = frame.count % packetCount
        var payloads: [[UInt8]] = []
        payloads.reserveCapacity(packetCount)
        var offset = 0
        for index in 0..<packetCount {
            let size = baseSize + (index < larger ? 1 : 0)
            let descriptor = VP8PayloadDescriptor(
                nonReference: nonReference, startOfPartition: index == 0, partitionIndex: 0,
                pictureID: pictureID, usesLongPictureID: true)
            var payload = try descriptor.serialized()
            payload.append(contentsOf: frame[offset..<(offset + size)])
            payloads.append(payload)
            offset += size
        }
        return payloads
    }
}
