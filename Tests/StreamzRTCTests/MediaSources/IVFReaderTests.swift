import Testing
@testable import StreamzRTC

/// Builds IVF files from our own VP8 encoder, for cases ffmpeg would never write.
enum IVFBuilder {
    static func header(fourCC: String = "VP80", width: Int = 64, height: Int = 48, rate: UInt32 = 30, scale: UInt32 = 1,
                       frames: UInt32 = 0, version: UInt16 = 0, length: UInt16 = 32) -> [UInt8] {
        Array("DKIF".utf8) + le(UInt64(version), 2) + le(UInt64(length), 2) + Array(fourCC.utf8)
            + le(UInt64(width), 2) + le(UInt64(height), 2) + le(UInt64(rate), 4) + le(UInt64(scale), 4)
            + le(UInt64(frames), 4) + [0, 0, 0, 0]
    }

    static func frame(_ data: [UInt8], timestamp: UInt64, declaredSize: Int? = nil) -> [UInt8] {
        le(UInt64(declaredSize ?? data.count), 4) + le(timestamp, 8) + data
    }

    static func le(_ value: UInt64, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// `count` VP8 frames of a moving 64x48 pattern, the first a keyframe.
    static func encodedFrames(_ count: Int) throws -> [VP8EncodedFrame] {
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: 68, height: 48, framesPerSecond: 30, targetBitrateKbps: 200))
        let pattern = try TestPattern(width: 68, height: 48)
        return try (0..<count).flatMap { index in
            try encoder.encode(pattern.render(frameNumber: index, captureTimeMilliseconds: UInt64(index * 33)))
        }
    }

    static func file(_ frames: [VP8EncodedFrame]) -> [UInt8] {
        header(width: 68, height: 48) + frames.enumerated().flatMap { frame($1.data, timestamp: UInt64($0)) }
    }
}

@Suite("IVF reader")
struct IVFReaderTests {
    @Test("reads the header and every frame of our own encoder's output")
    func ownFrames() throws {
        let encoded = try IVFBuilder.encodedFrames(10)
        let reader = try IVFReader(MediaBytes(IVFBuilder.file(encoded)))
        #expect(reader.header == IVFHeader(fourCC: "VP80", width: 68, height: 48, timebaseNumerator: 1, timebaseDenominator: 30, declaredFrameCount: 0))
        #expect(reader.frames.count == encoded.count)
        for (index, frame) in encoded.enumerated() {
            #expect(try reader.frameData(at: index) == frame.data)
            #expect(reader.frames[index].isKeyframe == frame.isKeyframe)
        }
        #expect(reader.duration(ofTicks: 3) == .milliseconds(100))
        #expect(throws: MediaSourceError.self) { try reader.frameData(at: encoded.count) }
    }

    @Test("reads through a read closure, touching only what it needs")
    func closureAccess() throws {
        let file = IVFBuilder.file(try IVFBuilder.encodedFrames(5))
        var requested = 0
        let bytes = MediaBytes(count: file.count) { offset, length in
            requested += length
            return Array(file[offset..<min(file.count, offset + length)])
        }
        let reader = try IVFReader(bytes)
        #expect(requested < file.count / 2, "indexing reads headers, not frames")
        #expect(try reader.frameData(at: 4) == Array(file.suffix(reader.frames[4].size)))
        let failing = MediaBytes(count: file.count) { _, _ in throw FFmpegMedia.Failure(description: "disk gone") }
        #expect(throws: MediaSourceError.readFailed("32 bytes at 0: disk gone")) { try IVFReader(failing) }
        let generous = MediaBytes(count: file.count) { offset, length in Array(file[offset...]) }
        #expect(throws: MediaSourceError.readFailed("\(file.count) bytes returned for 32 at 0")) { try IVFReader(generous) }
        let shrunk = MediaBytes(count: file.count) { offset, length in Array(file[offset..<min(file.count - 1, offset + length)]) }
        #expect(throws: MediaSourceError.truncated(what: "IVF frame 4", offset: reader.frames[4].offset)) {
            try IVFReader(shrunk).frameData(at: 4)
        }
    }

    @Test("rejects malformed files with a clear error")
    func malformed() throws {
        let encoded = try IVFBuilder.encodedFrames(3)
        let key = encoded[0].data, delta = encoded[1].data
        let body = IVFBuilder.frame(key, timestamp: 0)
        let cases: [([UInt8], MediaSourceError)] = [
            ([], .truncated(what: "IVF header", offset: 0)),
            (Array(IVFBuilder.header().prefix(31)), .truncated(what: "IVF header", offset: 0)),
            (Array("RIFF".utf8) + IVFBuilder.header().dropFirst(4) + body, .badMagic(expected: "IVF signature DKIF", offset: 0)),
            (IVFBuilder.header(version: 1) + body, .unsupported("IVF version 1")),
            (IVFBuilder.header(length: 16) + body, .invalidField("IVF header length 16")),
            (IVFBuilder.header(fourCC: "VP90") + body, .unsupported("IVF codec \"VP90\": only VP8 (VP80) can be sent")),
            (IVFBuilder.header(width: 0) + body, .invalidField("IVF picture size 0x48")),
            (IVFBuilder.header(rate: 0) + body, .invalidField("IVF time base 1/0")),
            (IVFBuilder.header(), .empty("IVF file has no frames")),
            (IVFBuilder.header() + Array(body.prefix(8)), .truncated(what: "IVF frame 0 header", offset: 32)),
            (IVFBuilder.header() + Array(body.dropLast()), .truncated(what: "IVF frame 0 (\(key.count) bytes)", offset: 44)),
            (IVFBuilder.header() + IVFBuilder.frame([], timestamp: 0), .invalidField("IVF frame 0 size 0 at byte 32")),
            (IVFBuilder.header() + IVFBuilder.frame(key, timestamp: 0, declaredSize: 0xFFFF_FFFF),
             .invalidField("IVF frame 0 size 4294967295 at byte 32")),
            (IVFBuilder.header() + IVFBuilder.frame(delta, timestamp: 0), .invalidField("IVF frame 0 is not a keyframe")),
            (IVFBuilder.header() + IVFBuilder.frame(key, timestamp: 5) + IVFBuilder.frame(delta, timestamp: 4),
             .invalidField("IVF frame 1 timestamp 4 before 5")),
            (IVFBuilder.header() + IVFBuilder.frame([0x00, 0x00, 0x00, 1, 2, 3], timestamp: 0),
             .invalidField("IVF frame 0 is not a VP8 frame (invalidKeyframeStartCode)")),
        ]
        for (bytes, expected) in cases {
            #expect(throws: expected) { try IVFReader(MediaBytes(bytes)) }
        }
    }

    @Test("never traps on thousands of mutated or random files")
    func fuzz() throws {
        let valid = IVFBuilder.file(try IVFBuilder.encodedFrames(4))
        var accepted = 0
        for input in MediaFuzz.inputs(from: valid, count: 3000, seed: 0x1F) {
            guard let reader = try? IVFReader(MediaBytes(input)) else { continue }
            accepted += 1
            for index in reader.frames.indices { _ = try reader.frameData(at: index) }
        }
        // Flipped bytes inside frame data still make a well-formed container.
        #expect(accepted > 0 && accepted < 3000)
    }
}

@Suite("IVF files from ffmpeg", .enabled(if: FFmpegMedia.enabled, "needs ffmpeg"))
struct IVFFFmpegTests {
    @Test("an ffmpeg libvpx clip: header, timestamps, frames decode at the right size")
    func ffmpegClip() async throws {
        let reader = try IVFReader(MediaBytes(try await FFmpegMedia.vp8IVF(size: "320x240", rate: 15, seconds: 1)))
        #expect(reader.header.fourCC == "VP80")
        #expect(reader.header.width == 320 && reader.header.height == 240)
        #expect(reader.frames.count == 15)
        #expect(reader.frames.map(\.timestamp) == Array(0..<15))
        let decoder = try VP8Decoder()
        for index in reader.frames.indices {
            let picture = try #require(try decoder.decode(reader.frameData(at: index)))
            #expect(picture.width == 320 && picture.height == 240)
        }
    }

    @Test("the source loops from the keyframe with a continuous timeline and skips ahead on PLI")
    func source() async throws {
        let source = try IVFVideoSource(MediaBytes(try await FFmpegMedia.vp8IVF(size: "320x240", rate: 15, seconds: 1)))
        #expect(abs((source.frameInterval - .nanoseconds(66_666_667)).totalNanoseconds) < 1000)
        #expect(source.width == 320 && source.height == 240)
        var frames: [VideoSourceFrame] = []
        for index in 0..<20 { frames.append(try source.nextFrame(captureTimeMilliseconds: UInt64(1000 + index))) }
        guard case .vp8(let first, true) = frames[0].content, case .vp8(let looped, true) = frames[15].content else {
            Issue.record("frames 0 and 15 should be the file's keyframe")
            return
        }
        #expect(first == looped)
        #expect(frames.map(\.index) == Array(0..<20))
        #expect(frames[15].presentationTime == frames[14].presentationTime + frames[14].duration)
        #expect(frames[19].captureTimeMilliseconds == 1019)
        #expect(frames[3].rtpTimestamp90kHz == 18_000)
        // The clip has one keyframe: a PLI mid-file restarts it.
        source.requestKeyframe()
        let recovered = try source.nextFrame(captureTimeMilliseconds: 2000)
        guard case .vp8(let data, true) = recovered.content else {
            Issue.record("a keyframe request should yield a keyframe")
            return
        }
        #expect(data == first)
        #expect(recovered.presentationTime == frames[19].presentationTime + frames[19].duration)
    }

    @Test("a receiver decodes the looping stream across loop ends and keyframe jumps without errors")
    func decodesAcrossLoops() async throws {
        // Keyframes every 5 frames, so a PLI jumps ahead inside the file.
        let clip = try await FFmpegMedia.make(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "1",
                                               "-c:v", "libvpx", "-b:v", "300k", "-g", "5", "-f", "ivf"], fileExtension: "ivf")
        let source = try IVFVideoSource(MediaBytes(clip))
        #expect(source.reader.frames.filter(\.isKeyframe).count == 3)
        let decoder = try VP8Decoder()
        var decoded = 0
        for index in 0..<50 {
            if index == 22 { source.requestKeyframe() }
            guard case .vp8(let data, let isKeyframe) = try source.nextFrame(captureTimeMilliseconds: 0).content else { continue }
            if index == 22 { #expect(isKeyframe) }
            if try decoder.decode(data)?.width == 320 { decoded += 1 }
        }
        #expect(decoded == 50)
    }
}
