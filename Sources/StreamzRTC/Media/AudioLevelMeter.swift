#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loudness of a block of audio in dB relative to full scale.
public struct AudioLevel: Equatable, Sendable {
    /// RMS against a full-scale square wave, so a full-scale sine reads -3.01 dBFS.
    public var rmsDBFS: Double
    /// The largest sample's magnitude.
    public var peakDBFS: Double

    /// Quieter than this counts as silence; it is also the bottom of RFC 6464's 0-127 range.
    public static let floorDBFS = -127.0

    public static let silence = AudioLevel(rmsDBFS: floorDBFS, peakDBFS: floorDBFS)

    /// The RFC 6464 §3 level (0 loudest, 127 silent) for the ssrc-audio-level extension.
    public var rfc6464Level: UInt8 { UInt8(min(127, max(0, (-rmsDBFS).rounded()))) }

    /// Measures samples in -1...1 (interleaved channels are measured together).
    public init(samples: [Float]) {
        guard !samples.isEmpty else {
            self = .silence
            return
        }
        var sumOfSquares = 0.0
        var peak: Float = 0
        for sample in samples {
            sumOfSquares += Double(sample) * Double(sample)
            peak = max(peak, abs(sample))
        }
        self.init(rms: (sumOfSquares / Double(samples.count)).squareRoot(), peak: Double(peak))
    }

    /// Measures 16-bit samples, full scale being 32768.
    public init(samples: [Int16]) {
        guard !samples.isEmpty else {
            self = .silence
            return
        }
        var sumOfSquares = 0.0
        var peak = 0
        for sample in samples {
            let value = Double(sample)
            sumOfSquares += value * value
            peak = max(peak, abs(Int(sample)))
        }
        self.init(rms: (sumOfSquares / Double(samples.count)).squareRoot() / 32768, peak: Double(peak) / 32768)
    }

    public init(rmsDBFS: Double, peakDBFS: Double) {
        self.rmsDBFS = rmsDBFS
        self.peakDBFS = peakDBFS
    }

    private init(rms: Double, peak: Double) {
        rmsDBFS = Self.decibels(rms)
        peakDBFS = Self.decibels(peak)
    }

    private static func decibels(_ amplitude: Double) -> Double {
        guard amplitude > 0 else { return floorDBFS }
        return max(floorDBFS, 20 * log10(amplitude))
    }
}

/// Cuts a stream of 48 kHz samples into 20 ms windows and measures each one,
/// for the level meter in the monitor and the audio-level extension.
public struct AudioLevelMeter: Sendable {
    public let channels: Int
    private var pending: [Int16] = []

    /// 20 ms at 48 kHz.
    public static let windowSamples = 960

    public init(channels: Int = 1) {
        self.channels = max(1, channels)
    }

    /// Adds interleaved samples; returns the level of every 20 ms window they completed.
    public mutating func add(_ samples: [Int16]) -> [AudioLevel] {
        pending += samples
        let window = Self.windowSamples * channels
        var levels: [AudioLevel] = []
        while pending.count >= window {
            levels.append(AudioLevel(samples: Array(pending.prefix(window))))
            pending.removeFirst(window)
        }
        return levels
    }
}
