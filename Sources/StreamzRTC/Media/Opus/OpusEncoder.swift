import COpus
import CStreamzShims

/// Encodes 20 ms PCM frames at 48 kHz to Opus packets (RFC 7587: the RTP clock is
/// always 48 kHz, so each packet advances the RTP timestamp by 960).
///
/// Not thread-safe; one encoder per sent audio track.
public final class OpusEncoder {
    public static let sampleRate = 48_000
    /// 20 ms at 48 kHz, per channel: the frame length WebRTC peers expect by default.
    public static let frameSamples = 960
    /// RFC 7587 §3.2 recommends room for 120 ms at the highest rate; 1500 bytes covers it.
    static let maxPacketSize = 1500

    public enum Application: Sendable {
        /// Speech-tuned (OPUS_APPLICATION_VOIP).
        case voip
        /// General audio (OPUS_APPLICATION_AUDIO).
        case audio
    }

    public let channels: Int
    public private(set) var bitrate: Int
    private let encoder: OpaquePointer

    public init(channels: Int = 1, bitrate: Int = 32_000, application: Application = .voip) throws(CodecError) {
        guard channels == 1 || channels == 2 else { throw .invalidSettings("\(channels) channels") }
        var status: Int32 = 0
        let mode = application == .voip ? OPUS_APPLICATION_VOIP : OPUS_APPLICATION_AUDIO
        guard let encoder = opus_encoder_create(Int32(Self.sampleRate), Int32(channels), mode, &status), status == OPUS_OK else {
            throw .initializationFailed(String(cString: opus_strerror(status)))
        }
        self.encoder = encoder
        self.channels = channels
        self.bitrate = bitrate
        do {
            try setBitrate(bitrate)
            // In-band FEC lets a receiver rebuild a lost packet from the next one (RFC 7587 §3.3, useinbandfec).
            try check(streamz_opus_encoder_set_inband_fec(UnsafeMutableRawPointer(encoder), 1))
            try check(streamz_opus_encoder_set_packet_loss_perc(UnsafeMutableRawPointer(encoder), 5))
        } catch {
            opus_encoder_destroy(encoder)
            throw error
        }
    }

    deinit {
        opus_encoder_destroy(encoder)
    }

    /// Bits per second, 6 000 to 510 000 (libopus's range); may change between packets.
    public func setBitrate(_ bitsPerSecond: Int) throws(CodecError) {
        guard (6_000...510_000).contains(bitsPerSecond) else { throw .invalidSettings("\(bitsPerSecond) bps") }
        try check(streamz_opus_encoder_set_bitrate(UnsafeMutableRawPointer(encoder), Int32(bitsPerSecond)))
        bitrate = bitsPerSecond
    }

    /// One 20 ms frame of interleaved 16-bit samples (960 per channel).
    public func encode(_ pcm: [Int16]) throws(CodecError) -> [UInt8] {
        try checkLength(pcm.count)
        var packet = [UInt8](repeating: 0, count: Self.maxPacketSize)
        let length = pcm.withUnsafeBufferPointer { samples in
            packet.withUnsafeMutableBufferPointer { output in
                guard let input = samples.baseAddress, let base = output.baseAddress else { return OPUS_BAD_ARG }
                return opus_encode(encoder, input, Int32(Self.frameSamples), base, Int32(output.count))
            }
        }
        return try finish(packet, length: length)
    }

    /// One 20 ms frame of interleaved samples in -1...1.
    public func encode(_ pcm: [Float]) throws(CodecError) -> [UInt8] {
        try checkLength(pcm.count)
        var packet = [UInt8](repeating: 0, count: Self.maxPacketSize)
        let length = pcm.withUnsafeBufferPointer { samples in
            packet.withUnsafeMutableBufferPointer { output in
                guard let input = samples.baseAddress, let base = output.baseAddress else { return OPUS_BAD_ARG }
                return opus_encode_float(encoder, input, Int32(Self.frameSamples), base, Int32(output.count))
            }
        }
        return try finish(packet, length: length)
    }

    private func checkLength(_ count: Int) throws(CodecError) {
        let expected = Self.frameSamples * channels
        guard count == expected else { throw .wrongSampleCount(expected: expected, got: count) }
    }

    private func finish(_ packet: [UInt8], length: Int32) throws(CodecError) -> [UInt8] {
        guard length > 0 else { throw .encodeFailed(String(cString: opus_strerror(length))) }
        return Array(packet.prefix(Int(length)))
    }

    private func check(_ status: Int32) throws(CodecError) {
        guard status == OPUS_OK else { throw .invalidSettings(String(cString: opus_strerror(status))) }
    }
}
