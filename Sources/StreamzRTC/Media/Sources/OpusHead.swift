/// The identification header of an Ogg Opus stream (RFC 7845 §5.1).
public struct OpusHead: Equatable, Sendable {
    public var version: UInt8
    public var channels: Int
    /// Samples (at 48 kHz) the decoder discards at the start (§4.2).
    public var preSkip: Int
    public var inputSampleRate: Int
    /// Q7.8 dB gain to apply on output (§5.1).
    public var outputGain: Int16
    public var mappingFamily: UInt8
}

extension OpusHead {
    init(parsing packet: [UInt8]) throws(MediaSourceError) {
        guard packet.hasASCII("OpusHead", at: 0) else { throw .badMagic(expected: "OpusHead as the first Ogg packet", offset: 0) }
        guard packet.count >= 19 else { throw .truncated(what: "OpusHead (\(packet.count) of 19 bytes)", offset: 0) }
        version = packet[8]
        // §5.1: the major version is the high nibble; only 0 is defined.
        guard version >> 4 == 0 else { throw .unsupported("Opus header version \(version)") }
        channels = Int(packet[9])
        preSkip = Int(packet.littleEndian16(at: 10))
        inputSampleRate = Int(packet.littleEndian32(at: 12))
        outputGain = Int16(bitPattern: packet.littleEndian16(at: 16))
        mappingFamily = packet[18]
        guard channels > 0 else { throw .invalidField("OpusHead channel count 0") }
        // Family 0 is one mono or stereo stream, what one RTP Opus stream carries (RFC 7587 §4);
        // the others are multistream, which WebRTC's opus/48000/2 cannot send.
        guard mappingFamily == 0 else { throw .unsupported("Opus channel mapping family \(mappingFamily) (multistream): only family 0") }
        guard channels <= 2 else { throw .invalidField("OpusHead has \(channels) channels under mapping family 0") }
    }
}

/// The comment header (RFC 7845 §5.2): vendor string and user comments, checked
/// for lengths that stay inside the packet.
public struct OpusTags: Equatable, Sendable {
    public var vendor: String
    public var comments: [String]
}

extension OpusTags {
    init(parsing packet: [UInt8]) throws(MediaSourceError) {
        guard packet.hasASCII("OpusTags", at: 0) else { throw .badMagic(expected: "OpusTags as the second Ogg packet", offset: 0) }
        var offset = 8
        func field() throws(MediaSourceError) -> String {
            guard packet.count - offset >= 4 else { throw .truncated(what: "OpusTags length field", offset: offset) }
            let length = Int(packet.littleEndian32(at: offset))
            offset += 4
            guard length <= packet.count - offset else { throw .truncated(what: "OpusTags string of \(length) bytes", offset: offset) }
            defer { offset += length }
            return String(decoding: packet[offset..<(offset + length)], as: UTF8.self)
        }
        vendor = try field()
        guard packet.count - offset >= 4 else { throw .truncated(what: "OpusTags comment count", offset: offset) }
        let count = Int(packet.littleEndian32(at: offset))
        offset += 4
        // Each comment needs at least its 4-byte length: a larger count is a lie, not a reason to allocate.
        guard count <= (packet.count - offset) / 4 else { throw .invalidField("OpusTags comment count \(count)") }
        var comments: [String] = []
        for _ in 0..<count { comments.append(try field()) }
        self.comments = comments
    }
}
