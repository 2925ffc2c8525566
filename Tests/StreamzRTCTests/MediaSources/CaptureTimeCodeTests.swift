import Testing
@testable import StreamzRTC

@Suite("Capture-time code")
struct CaptureTimeCodeTests {
    /// 2026-11-25 in Unix epoch milliseconds: a realistic 41-bit value.
    static let start: UInt64 = 1_795_000_000_123

    @Test("reads back the drawn time on the undistorted picture, any size", arguments: [(320, 240), (640, 480), (1280, 720), (68, 48), (333, 199)])
    func roundTrip(size: (Int, Int)) throws {
        let pattern = try TestPattern(width: size.0, height: size.1)
        for milliseconds in [Self.start, 0, 1, UInt64.max, 0x8000_0000_0000_0001, Self.start + 86_399_999] {
            let frame = pattern.render(frameNumber: 7, captureTimeMilliseconds: milliseconds)
            #expect(CaptureTimeCode.read(from: frame) == milliseconds)
        }
    }

    struct Preset: Sendable, CustomStringConvertible {
        var width: Int, height: Int, fps: Int, kbps: Int
        var description: String { "\(width)x\(height)@\(fps) \(kbps) kbps" }
    }

    /// PROTOCOL.md §3 presets (low, medium, high), and low at 100 kbps for margin.
    static let presets = [
        Preset(width: 320, height: 240, fps: 15, kbps: 250),
        Preset(width: 640, height: 480, fps: 30, kbps: 800),
        Preset(width: 1280, height: 720, fps: 30, kbps: 2000),
        Preset(width: 320, height: 240, fps: 15, kbps: 100),
    ]

    @Test("survives VP8 at the preset bitrates: >= 99 % read, never a wrong value", arguments: presets)
    func throughVP8(preset: Preset) throws {
        let pattern = try TestPattern(width: preset.width, height: preset.height)
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(
            width: preset.width, height: preset.height, framesPerSecond: preset.fps, targetBitrateKbps: preset.kbps))
        let decoder = try VP8Decoder()
        var decoded = 0, read = 0, wrong = 0, encodedBytes = 0
        // Four seconds of moving pattern; capture times jitter by a few ms like a real timer,
        // and a PLI each second forces a keyframe, which rate control squeezes hardest.
        for index in 0..<(preset.fps * 4) {
            if index % preset.fps == preset.fps / 2 { encoder.requestKeyframe() }
            let milliseconds = Self.start + UInt64(index * 1000 / preset.fps) + UInt64(index * 7 % 5)
            let picture = pattern.render(frameNumber: index, captureTimeMilliseconds: milliseconds)
            for frame in try encoder.encode(picture) {
                encodedBytes += frame.data.count
                guard let output = try decoder.decode(frame.data) else { continue }
                decoded += 1
                switch CaptureTimeCode.read(from: output) {
                case milliseconds: read += 1
                case nil: break
                default: wrong += 1
                }
            }
        }
        let kbps = encodedBytes * 8 / 4 / 1000
        print("capture-time code \(preset): \(read)/\(decoded) frames read, \(wrong) wrong, \(kbps) kbps actual")
        #expect(decoded >= preset.fps * 4 * 8 / 10)
        #expect(wrong == 0)
        #expect(Double(read) >= 0.99 * Double(decoded))
    }
}
