/// A failure reported by libvpx or libopus, with the library's own description.
public enum CodecError: Error, Equatable, Sendable {
    /// The codec could not be created with these settings.
    case initializationFailed(String)
    /// Settings out of range (size, bitrate, channel count, ...).
    case invalidSettings(String)
    /// The input could not be encoded.
    case encodeFailed(String)
    /// The bitstream could not be decoded: corrupt, truncated, or a delta frame before any keyframe.
    case decodeFailed(String)
    /// The decoder produced a picture but flagged it as corrupted (references were lost).
    case corruptFrame
    /// PCM input of the wrong length for one frame.
    case wrongSampleCount(expected: Int, got: Int)
}
