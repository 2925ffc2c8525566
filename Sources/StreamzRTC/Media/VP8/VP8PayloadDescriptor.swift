/// The VP8 payload descriptor at the start of every VP8 RTP payload (RFC 7741 §4.2).
///
///     |X|R|N|S|R| PID |   X: extension byte present; N: non-reference; S: partition start
///     |I|L|T|K| RSV   |   optional: which of the fields below follow
///     |M| PictureID   |   optional: 7 bits, or 15 bits when M is set
///     |  TL0PICIDX    |   optional
///     |TID|Y| KEYIDX  |   optional (present if T or K)
public struct VP8PayloadDescriptor: Equatable, Sendable {
    /// N: this frame can be discarded without affecting any other frame.
    public var nonReference: Bool
    /// S: the packet starts a VP8 partition.
    public var startOfPartition: Bool
    /// PID: the partition index (0-7) the first byte of the payload belongs to.
    public var partitionIndex: UInt8
    /// I: a running picture index, 7 or 15 bits.
    public var pictureID: UInt16?
    /// M: whether the PictureID is written in the 15-bit form (forced when it exceeds 127).
    public var usesLongPictureID: Bool
    /// L: running index of base-layer frames (temporal scalability).
    public var tl0PicIndex: UInt8?
    /// T: temporal layer index (0-3).
    public var temporalLayerIndex: UInt8?
    /// Y: the frame depends only on base-layer frames (meaningful with T).
    public var layerSync: Bool
    /// K: running index of keyframes' temporal chains (0-31).
    public var keyIndex: UInt8?

    public init(
        nonReference: Bool = false, startOfPartition: Bool, partitionIndex: UInt8 = 0, pictureID: UInt16? = nil,
        usesLongPictureID: Bool = true, tl0PicIndex: UInt8? = nil, temporalLayerIndex: UInt8? = nil,
        layerSync: Bool = false, keyIndex: UInt8? = nil
    ) {
        self.nonReference = nonReference
        self.startOfPartition = startOfPartition
        self.partitionIndex = partitionIndex
        self.pictureID = pictureID
        self.usesLongPictureID = usesLongPictureID
        self.tl0PicIndex = tl0PicIndex
        self.temporalLayerIndex = temporalLayerIndex
        self.layerSync = layerSync
        self.keyIndex = keyIndex
    }

    /// RFC 7741 §4.3: the VP8 payload header is present only here.
    public var isFirstPacketOfFrame: Bool { startOfPartition && partitionIndex == 0 }

    /// Parses the descriptor at the start of `payload`; returns it and its length in bytes.
    public static func parse(_ payload: [UInt8]) throws(VP8Error) -> (descriptor: VP8PayloadDescriptor, length: Int) {
        var reader = MediaByteReader(payload, truncated: VP8Error.truncated)
        let first = try reader.u8()
        var descriptor = VP8PayloadDescriptor(
            nonReference: first & 0x20 != 0, startOfPartition: first & 0x10 != 0, partitionIndex: first & 0x07,
            usesLongPictureID: false)
        if first & 0x80 != 0 {
            let flags = try reader.u8()
            if flags & 0x80 != 0 {
                let high = try reader.u8()
                if high & 0x80 != 0 {
                    descriptor.pictureID = UInt16(high & 0x7F) << 8 | UInt16(try reader.u8())
                    descriptor.usesLongPictureID = true
                } else {
                    descriptor.pictureID = UInt16(high)
                }
            }
            if flags & 0x40 != 0 {
                descriptor.tl0PicIndex = try reader.u8()
            }
            let hasTID = flags & 0x20 != 0
            let hasKeyIndex = flags & 0x10 != 0
            if hasTID || hasKeyIndex {
                let byte = try reader.u8()
                if hasTID {
                    descriptor.temporalLayerIndex = byte >> 6
                    descriptor.layerSync = byte & 0x20 != 0
                }
                if hasKeyIndex {
                    descriptor.keyIndex = byte & 0x1F
                }
            }
        }
        guard !reader.isAtEnd else { throw .emptyPayload }
        return (descriptor, reader.offset)
    }

    /// The descriptor on the wire.
    public func serialized() throws(VP8Error) -> [UInt8] {
        guard partitionIndex <= 7 else { throw .invalidField("PID \(partitionIndex) over 3 bits") }
        if let pictureID, pictureID > 0x7FFF { throw .invalidField("PictureID \(pictureID) over 15 bits") }
        if let temporalLayerIndex, temporalLayerIndex > 3 { throw .invalidField("TID \(temporalLayerIndex) over 2 bits") }
        if let keyIndex, keyIndex > 31 { throw .invalidField("KEYIDX \(keyIndex) over 5 bits") }
        var writer = MediaByteWriter(capacity: 6)
        let hasExtension = pictureID != nil || tl0PicIndex != nil || temporalLayerIndex != nil || keyIndex != nil
        writer.u8((hasExtension ? 0x80 : 0) | (nonReference ? 0x20 : 0) | (startOfPartition ? 0x10 : 0) | partitionIndex)
        guard hasExtension else { return writer.bytes }
        writer.u8((pictureID != nil ? 0x80 : 0) | (tl0PicIndex != nil ? 0x40 : 0)
            | (temporalLayerIndex != nil ? 0x20 : 0) | (keyIndex != nil ? 0x10 : 0))
        if let pictureID {
            if usesLongPictureID || pictureID > 0x7F {
                writer.u16(0x8000 | pictureID)
            } else {
                writer.u8(UInt8(pictureID))
            }
        }
        if let tl0PicIndex {
            writer.u8(tl0PicIndex)
        }
        if temporalLayerIndex != nil || keyIndex != nil {
            writer.u8((temporalLayerIndex ?? 0) << 6 | (layerSync && temporalLayerIndex != nil ? 0x20 : 0) | (keyIndex ?? 0))
        }
        return writer.bytes
    }
}
