import Testing
@testable import StreamzRTC

@Suite("Tone source")
struct ToneSourceTests {
    /// One second of the tone, frame after frame.
    static func second(_ source: ToneSource) throws -> [[Int16]] {
        try (0..<50).map { _ in
            guard case .pcm(let pcm) = try source.nextFrame().content else { throw FFmpegMedia.Failure(description: "tone frames are PCM") }
            return pcm
        }
    }

    @Test("440 Hz at -15.1 dBFS RMS in 20 ms frames of 960 samples")
    func levelAndPitch() throws {
        let source = try ToneSource()
        let first = try source.nextFrame()
        #expect(first.sampleCount == 960 && first.samplePosition == 0 && first.duration == .milliseconds(20))
        let frames = try Self.second(source)
        let samples = frames.flatMap { $0 }
        #expect(frames.allSatisfy { $0.count == 960 })
        let level = AudioLevel(samples: samples)
        #expect(abs(level.rmsDBFS - (-15.05)) < 0.05, "RMS \(level.rmsDBFS)")
        #expect(abs(level.peakDBFS - (-12.04)) < 0.05, "peak \(level.peakDBFS)")
        // 440 periods cross zero upwards 440 times a second.
        let upward = zip(samples, samples.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count
        #expect((439...441).contains(upward))
    }

    @Test("phase-continuous across frames: no step at a boundary bigger than inside a frame")
    func continuity() throws {
        let frames = try Self.second(try ToneSource())
        let largestStep = frames.flatMap { frame in zip(frame, frame.dropFirst()).map { abs(Int($1) - Int($0)) } }.max() ?? 0
        for (previous, next) in zip(frames, frames.dropFirst()) {
            let step = abs(Int(next[0]) - Int(previous[959]))
            #expect(step <= largestStep)
        }
        // 2 pi 440 / 48000 of a 0.25 full-scale sine is the steepest a sample can move.
        #expect(largestStep <= 472 && largestStep > 400)
    }

    @Test("stereo repeats each sample on both channels; other counts are refused")
    func stereo() throws {
        guard case .pcm(let pcm) = try ToneSource(channels: 2).nextFrame().content else {
            Issue.record("tone frames are PCM")
            return
        }
        #expect(pcm.count == 1920)
        #expect(stride(from: 0, to: 1920, by: 2).allSatisfy { pcm[$0] == pcm[$0 + 1] })
        #expect(throws: MediaSourceError.invalidField("tone channel count 3")) { try ToneSource(channels: 3) }
    }

    @Test("survives Opus at 32 kbps with its level")
    func throughOpus() throws {
        let source = try ToneSource()
        let encoder = try OpusEncoder(channels: 1, bitrate: 32_000)
        let decoder = try OpusDecoder(channels: 1)
        var decoded: [Int16] = []
        for pcm in try Self.second(source) { decoded += try decoder.decode(try encoder.encode(pcm)) }
        let level = AudioLevel(samples: Array(decoded.dropFirst(4800)))
        #expect(abs(level.rmsDBFS - (-15.05)) < 1.0, "decoded RMS \(level.rmsDBFS)")
    }
}
