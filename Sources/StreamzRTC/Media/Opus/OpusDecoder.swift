import COpus

/// Decodes Opus packets to 48 kHz PCM and conceals lost packets (RFC 7587 §3.3 and
/// libopus packet loss concealment) so playback keeps its timing through loss.
///
/// Not thread-safe; one decoder per received audio track.
public final class OpusDecoder {
    public static let sampleRate = 48_000
    /// 120 ms, the longest Opus packet (RFC 6716 §3.2.5), per channel.
    static let maxFrameSamples = 5760

    public let channels: Int
    private let decoder: OpaquePointer

    public init(channels: Int = 1) throws(CodecError) {
        guard channels == 1 || channels == 2 else { throw .invalidSettings("\(channels) channels") }
        var status: Int32 = 0
        guard let decoder = opus_decoder_create(Int32(Self.sampleRate), Int32(channels), &status), status == OPUS_OK else {
            throw .initializationFailed(String(cString: opus_strerror(status)))
        }
        self.decoder = decoder
        self.channels = channels
    }

    deinit {
        opus_decoder_destroy(decoder)
    }

    /// Interleaved 16-bit samples of one packet; throws on a corrupt packet.
    public func decode(_ packet: [UInt8]) throws(CodecError) -> [Int16] {
        guard !packet.isEmpty else { throw .decodeFailed("empty packet") }
        return try decodeInt16(packet, samples: Self.maxFrameSamples, fec: false)
    }

    /// Interleaved samples in -1...1 of one packet.
    public func decodeFloat(_ packet: [UInt8]) throws(CodecError) -> [Float] {
        guard !packet.isEmpty else { throw .decodeFailed("empty packet") }
        return try decodeFloat(packet, samples: Self.maxFrameSamples, fec: false)
    }

    /// Stands in for a missing packet of `samples` per channel (960 for 20 ms):
    /// libopus extrapolates from what it decoded last.
    public func concealLoss(samples: Int = OpusEncoder.frameSamples) throws(CodecError) -> [Int16] {
        try decodeInt16(nil, samples: samples, fec: false)
    }

    public func concealLossFloat(samples: Int = OpusEncoder.frameSamples) throws(CodecError) -> [Float] {
        try decodeFloat(nil, samples: samples, fec: false)
    }

    /// Rebuilds a missing packet from the in-band FEC data of the packet after it;
    /// decode `nextPacket` normally afterwards.
    public func recover(lostBefore nextPacket: [UInt8], samples: Int = OpusEncoder.frameSamples) throws(CodecError) -> [Int16] {
        guard !nextPacket.isEmpty else { throw .decodeFailed("empty packet") }
        return try decodeInt16(nextPacket, samples: samples, fec: true)
    }

    private func decodeInt16(_ packet: [UInt8]?, samples: Int, fec: Bool) throws(CodecError) -> [Int16] {
        guard (1...Self.maxFrameSamples).contains(samples) else { throw .wrongSampleCount(expected: OpusEncoder.frameSamples, got: samples) }
        var pcm = [Int16](repeating: 0, count: samples * channels)
        let decoded = pcm.withUnsafeMutableBufferPointer { output in
            guard let base = output.baseAddress else { return OPUS_BAD_ARG }
            return withPacket(packet) { data, length in
                opus_decode(decoder, data, length, base, Int32(samples), fec ? 1 : 0)
            }
        }
        guard decoded >= 0 else { throw .decodeFailed(String(cString: opus_strerror(decoded))) }
        return Array(pcm.prefix(Int(decoded) * channels))
    }

    private func decodeFloat(_ packet: [UInt8]?, samples: Int, fec: Bool) throws(CodecError) -> [Float] {
        guard (1...Self.maxFrameSamples).contains(samples) else { throw .wrongSampleCount(expected: OpusEncoder.frameSamples, got: samples) }
        var pcm = [Float](repeating: 0, count: samples * channels)
        let decoded = pcm.withUnsafeMutableBufferPointer { output in
            guard let base = output.baseAddress else { return OPUS_BAD_ARG }
            return withPacket(packet) { data, length in
                opus_decode_float(decoder, data, length, base, Int32(samples), fec ? 1 : 0)
            }
        }
        guard decoded >= 0 else { throw .decodeFailed(String(cString: opus_strerror(decoded))) }
        return Array(pcm.prefix(Int(decoded) * channels))
    }

    /// A packet's bytes, or a null pointer with length 0 which asks libopus for concealment.
    private func withPacket(_ packet: [UInt8]?, _ body: (UnsafePointer<UInt8>?, Int32) -> Int32) -> Int32 {
        guard let packet else { return body(nil, 0) }
        return packet.withUnsafeBufferPointer { body($0.baseAddress, Int32($0.count)) }
    }
}
