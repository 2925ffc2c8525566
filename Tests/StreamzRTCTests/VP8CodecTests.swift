import Testing
@testable import StreamzRTC

@Suite("VP8 encoder and decoder over libvpx")
struct VP8CodecTests {
    /// A gradient with a bright square that moves a few pixels per frame.
    static func movingPattern(index: Int, width: Int, height: Int) -> I420Frame {
        var y = [UInt8](repeating: 0, count: width * height)
        let square = max(8, width / 8)
        let left = (index * 4) % max(1, width - square)
        let top = (index * 3) % max(1, height - square)
        for row in 0..<height {
            for column in 0..<width {
                let inside = (left..<(left + square)).contains(column) && (top..<(top + square)).contains(row)
                y[row * width + column] = inside ? 235 : UInt8(16 + (column + row) * 160 / (width + height))
            }
        }
        let chroma = ((width + 1) / 2) * ((height + 1) / 2)
        let u = [UInt8](repeating: UInt8(96 + index % 64), count: chroma)
        let v = [UInt8](repeating: 160, count: chroma)
        guard let frame = I420Frame(width: width, height: height, y: y, u: u, v: v) else {
            preconditionFailure("plane sizes are computed from the size")
        }
        return frame
    }

    static func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        var total = 0
        for index in a.indices { total += abs(Int(a[index]) - Int(b[index])) }
        return Double(total) / Double(a.count)
    }

    @Test func encodePacketizeAssembleDecode() throws {
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 320, height: 240, targetBitrateKbps: 800))
        let decoder = try VP8Decoder()
        var packetizer = try VP8Packetizer(maxPayloadSize: 1100)
        var buffer = VP8JitterBuffer()
        var sequence: UInt16 = 65_530
        var sources: [UInt32: I420Frame] = [:]
        var decoded = 0
        for index in 0..<30 {
            let source = Self.movingPattern(index: index, width: 320, height: 240)
            for encoded in try encoder.encode(source) {
                #expect(encoded.isKeyframe == (index == 0))
                let timestamp = UInt32(truncatingIfNeeded: encoded.timestamp)
                sources[timestamp] = source
                let payloads = try packetizer.packetize(frame: encoded.data)
                for (position, payload) in payloads.enumerated() {
                    let header = RTPHeader(marker: position == payloads.count - 1, payloadType: 96,
                                           sequenceNumber: sequence, timestamp: timestamp, ssrc: 7)
                    sequence &+= 1
                    // Through the wire format and back.
                    let wire = try RTPPacket(header: header, payload: payload).serialized()
                    buffer.insert(try RTPPacket(parsing: wire), now: Instant(nanoseconds: Int64(index) * 33_000_000))
                }
            }
            while let frame = buffer.popFrame() {
                let picture = try #require(try decoder.decode(frame.data))
                #expect(picture.width == 320 && picture.height == 240)
                let original = try #require(sources[frame.rtpTimestamp])
                #expect(Self.meanAbsoluteDifference(picture.y, original.y) < 8)
                decoded += 1
            }
        }
        #expect(decoded >= 28)
        #expect(buffer.counters.framesDropped == 0)
    }

    @Test func keyframeOnRequest() throws {
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 160, height: 120))
        var keyframes: [Int] = []
        for index in 0..<12 {
            if index == 7 { encoder.requestKeyframe() }
            for frame in try encoder.encode(Self.movingPattern(index: index, width: 160, height: 120)) where frame.isKeyframe {
                keyframes.append(index)
            }
        }
        #expect(keyframes == [0, 7])
    }

    @Test func bitrateChangesLive() throws {
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 320, height: 240, targetBitrateKbps: 100))
        func bytes(for range: Range<Int>) throws -> Int {
            var total = 0
            for index in range {
                total += try encoder.encode(Self.movingPattern(index: index, width: 320, height: 240)).reduce(0) { $0 + $1.data.count }
            }
            return total
        }
        _ = try bytes(for: 0..<10)
        let low = try bytes(for: 10..<70)
        var settings = encoder.settings
        settings.targetBitrateKbps = 2000
        try encoder.update(settings)
        _ = try bytes(for: 70..<80)
        let high = try bytes(for: 80..<140)
        #expect(high > low * 2)
        #expect(throws: CodecError.self) {
            var bad = settings
            bad.targetBitrateKbps = 0
            try encoder.update(bad)
        }
    }

    @Test func resolutionChangesReachTheDecoder() throws {
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 320, height: 240))
        let decoder = try VP8Decoder()
        // Grow past the first size (the codec is recreated), then shrink in place.
        for (width, height) in [(320, 240), (640, 360), (160, 120)] {
            for index in 0..<3 {
                for encoded in try encoder.encode(Self.movingPattern(index: index, width: width, height: height)) {
                    let picture = try #require(try decoder.decode(encoded.data))
                    #expect(picture.width == width && picture.height == height)
                    if index == 0 { #expect(encoded.isKeyframe) }
                }
            }
        }
        #expect(encoder.settings.width == 160)
    }

    @Test func oddSizesRoundTrip() throws {
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 97, height: 55))
        let decoder = try VP8Decoder()
        let frame = try #require(try encoder.encode(Self.movingPattern(index: 1, width: 97, height: 55)).first)
        let picture = try #require(try decoder.decode(frame.data))
        #expect(picture.width == 97 && picture.height == 55 && picture.u.count == 49 * 28)
    }

    @Test func corruptInputThrowsAndDecoderRecovers() throws {
        let decoder = try VP8Decoder()
        #expect(throws: CodecError.self) { try decoder.decode([]) }
        // A delta frame before any keyframe has no references.
        #expect(throws: CodecError.self) { try decoder.decode([0x91, 0x0C, 0x00, 1, 2, 3, 4, 5, 6, 7]) }
        // Keyframe tags with a broken start code.
        var rng = SeededRandom(seed: 0xBAD)
        for _ in 0..<50 {
            var bytes = (0..<64).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes[0] &= 0xFE
            bytes[3] = 0x00
            #expect(throws: CodecError.self) { try decoder.decode(bytes) }
        }
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 160, height: 120))
        let keyframe = try #require(try encoder.encode(Self.movingPattern(index: 0, width: 160, height: 120)).first)
        // Truncated and bit-flipped frames must not crash; whatever libvpx says, we get a value or an error.
        for cut in stride(from: 1, to: keyframe.data.count, by: max(1, keyframe.data.count / 20)) {
            _ = try? decoder.decode(Array(keyframe.data.prefix(cut)))
        }
        for _ in 0..<30 {
            var flipped = keyframe.data
            for _ in 0..<8 {
                let index = Int.random(in: 10..<flipped.count, using: &rng)
                flipped[index] ^= UInt8.random(in: 1...255, using: &rng)
            }
            _ = try? decoder.decode(flipped)
        }
        // A clean keyframe still decodes afterwards.
        let picture = try #require(try decoder.decode(keyframe.data))
        #expect(picture.width == 160)
    }

    @Test func invalidSettingsAreRejected() {
        #expect(throws: CodecError.self) { try VP8Encoder(settings: VP8EncoderSettings(width: 0, height: 120)) }
        #expect(throws: CodecError.self) { try VP8Encoder(settings: VP8EncoderSettings(width: 160, height: 120, cpuUsed: 40)) }
    }
}
