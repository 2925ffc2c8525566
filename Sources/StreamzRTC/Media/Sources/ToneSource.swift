#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--audio tone`: a 440 Hz sine at 0.25 of full scale (-15.1 dBFS RMS, PROTOCOL.md §5)
/// in 20 ms frames of 48 kHz 16-bit PCM, the block `OpusEncoder` takes.
///
/// The phase comes from a running sample counter (taken modulo one second, a
/// whole number of 440 Hz periods), so frames join without clicks however long it runs.
public final class ToneSource: AudioSource {
    public static let frequency = 440.0
    public static let amplitude = 0.25
    public let channels: Int
    private var position: Int64 = 0

    public init(channels: Int = 1) throws(MediaSourceError) {
        guard channels == 1 || channels == 2 else { throw .invalidField("tone channel count \(channels)") }
        self.channels = channels
    }

    public func nextFrame() throws(MediaSourceError) -> AudioSourceFrame {
        let count = OpusEncoder.frameSamples, rate = Int64(OpusEncoder.sampleRate)
        var pcm = [Int16](repeating: 0, count: count * channels)
        for index in 0..<count {
            let phase = Double((position + Int64(index)) % rate) / Double(rate)
            let sample = Int16((Self.amplitude * 32767 * sin(2 * Double.pi * Self.frequency * phase)).rounded())
            for channel in 0..<channels { pcm[index * channels + channel] = sample }
        }
        let frame = AudioSourceFrame(content: .pcm(pcm), sampleCount: count, samplePosition: position)
        position += Int64(count)
        return frame
    }
}
