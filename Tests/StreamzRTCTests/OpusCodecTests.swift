import Testing
@testable import StreamzRTC

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Opus over libopus and audio levels")
struct OpusCodecTests {
    /// 20 ms frames of a sine, continuing phase across frames.
    static func sineFrames(frequency: Double, amplitude: Double, count: Int) -> [[Int16]] {
        (0..<count).map { frame in
            (0..<960).map { sample in
                let t = Double(frame * 960 + sample) / 48_000
                return Int16((amplitude * 32767 * sin(2 * Double.pi * frequency * t)).rounded())
            }
        }
    }

    @Test func sineKeepsItsLevelThroughOpus() throws {
        let encoder = try OpusEncoder(bitrate: 64_000, application: .audio)
        let decoder = try OpusDecoder()
        var meter = AudioLevelMeter()
        var levels: [AudioLevel] = []
        for frame in Self.sineFrames(frequency: 440, amplitude: 0.25, count: 50) {
            let packet = try encoder.encode(frame)
            #expect(!packet.isEmpty && packet.count < 400)
            let pcm = try decoder.decode(packet)
            #expect(pcm.count == 960)
            levels += meter.add(pcm)
        }
        #expect(levels.count == 50)
        // Skip the codec's start-up; then 0.25 full scale reads 20 log10(0.25 / sqrt 2) = -15.05 dBFS.
        let settled = levels.dropFirst(5)
        let mean = settled.map(\.rmsDBFS).reduce(0, +) / Double(settled.count)
        #expect(abs(mean - -15.05) < 0.5)
        #expect(settled.allSatisfy { abs($0.peakDBFS - -12.04) < 1.5 })
    }

    @Test func floatSamplesRoundTrip() throws {
        let encoder = try OpusEncoder(channels: 2, bitrate: 96_000, application: .audio)
        let decoder = try OpusDecoder(channels: 2)
        var last: [Float] = []
        for frame in Self.sineFrames(frequency: 1000, amplitude: 0.5, count: 10) {
            let stereo = frame.flatMap { [Float($0) / 32768, Float($0) / 32768] }
            last = try decoder.decodeFloat(try encoder.encode(stereo))
        }
        #expect(last.count == 1920)
        #expect(abs(AudioLevel(samples: last).rmsDBFS - -9.03) < 1)
    }

    @Test func lossIsConcealed() throws {
        let encoder = try OpusEncoder(bitrate: 32_000)
        let decoder = try OpusDecoder()
        var packets: [[UInt8]] = []
        for frame in Self.sineFrames(frequency: 440, amplitude: 0.25, count: 20) {
            packets.append(try encoder.encode(frame))
        }
        for packet in packets.prefix(10) { _ = try decoder.decode(packet) }
        // Packet 10 is missing: concealment keeps 20 ms of plausible audio, not silence.
        let concealed = try decoder.concealLoss()
        #expect(concealed.count == 960)
        #expect(AudioLevel(samples: concealed).rmsDBFS > -30)
        // In-band FEC of packet 11 also rebuilds a lost packet.
        let recovered = try decoder.recover(lostBefore: packets[11])
        #expect(recovered.count == 960)
        #expect(try decoder.decode(packets[11]).count == 960)
    }

    @Test func badInputThrows() throws {
        let encoder = try OpusEncoder()
        let decoder = try OpusDecoder()
        #expect(throws: CodecError.wrongSampleCount(expected: 960, got: 100)) { try encoder.encode([Int16](repeating: 0, count: 100)) }
        #expect(throws: CodecError.self) { try decoder.decode([]) }
        // TOC code 3 with a frame count of 0 is invalid (RFC 6716 §3.2.5).
        #expect(throws: CodecError.self) { try decoder.decode([0xFF, 0x00]) }
        #expect(throws: CodecError.self) { try encoder.setBitrate(1) }
        #expect(throws: CodecError.self) { try OpusDecoder(channels: 3) }
        #expect(throws: CodecError.self) { try decoder.concealLoss(samples: 0) }
        // Random bytes either decode to something or throw; they never crash.
        var rng = SeededRandom(seed: 0x0B05)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 1...80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? decoder.decode(bytes)
        }
        try encoder.setBitrate(20_000)
        #expect(encoder.bitrate == 20_000)
    }

    @Test func levelsOfKnownSignals() {
        let fullScale = (0..<960).map { Float(sin(2 * Double.pi * 1000 * Double($0) / 48_000)) }
        let level = AudioLevel(samples: fullScale)
        #expect(abs(level.rmsDBFS - -3.01) < 0.01)
        #expect(abs(level.peakDBFS) < 0.01)
        #expect(AudioLevel(samples: [Int16](repeating: 0, count: 960)) == .silence)
        #expect(AudioLevel(samples: [Int16]()) == .silence)
        let quarter = Self.sineFrames(frequency: 440, amplitude: 0.25, count: 1)[0]
        let quarterLevel = AudioLevel(samples: quarter)
        #expect(abs(quarterLevel.rmsDBFS - -15.05) < 0.05)
        #expect(quarterLevel.rfc6464Level == 15)
        var meter = AudioLevelMeter()
        #expect(meter.add([Int16](repeating: 1000, count: 2000)).count == 2)
        // 80 samples were left over: 880 more complete the third window.
        #expect(meter.add([Int16](repeating: 1000, count: 880)).count == 1)
    }

    @Test func depacketizerPassesWholePackets() throws {
        let depacketizer = OpusDepacketizer()
        let packet = try OpusEncoder().encode(Self.sineFrames(frequency: 440, amplitude: 0.1, count: 1)[0])
        #expect(try depacketizer.unmarshal(packet) == packet)
        #expect(depacketizer.isPartitionHead(packet) && depacketizer.isPartitionTail(marker: false, payload: packet))
        #expect(throws: CodecError.self) { try depacketizer.unmarshal([]) }
        #expect(!depacketizer.isPartitionHead([]))
    }
}
