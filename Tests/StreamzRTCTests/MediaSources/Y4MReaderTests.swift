import Testing
@testable import StreamzRTC

/// Y4M text is simple enough to write by hand for the cases ffmpeg never produces.
enum Y4MBuilder {
    static func file(header: String = "YUV4MPEG2 W4 H2 F30:1 Ip C420jpeg", frames: Int = 2, width: Int = 4, height: Int = 2,
                     frameLine: String = "FRAME") -> [UInt8] {
        let size = width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2)
        return Array((header + "\n").utf8) + (0..<frames).flatMap { index in
            Array((frameLine + "\n").utf8) + (0..<size).map { UInt8(truncatingIfNeeded: index * 50 + $0) }
        }
    }
}

@Suite("Y4M reader")
struct Y4MReaderTests {
    @Test("reads header fields and planes; every 4:2:0 siting is accepted", arguments: ["420", "420jpeg", "420mpeg2", "420paldv"])
    func chroma(chroma: String) throws {
        let reader = try Y4MReader(MediaBytes(Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30000:1001 Ip A1:1 C\(chroma) XCOMMENT=1")))
        let header = reader.header
        #expect(header.width == 4 && header.height == 2 && header.chroma == chroma)
        #expect(header.frameRateNumerator == 30000 && header.frameRateDenominator == 1001)
        #expect(reader.frameCount == 2)
        let frame = try reader.frame(at: 1)
        #expect(frame.y == (0..<8).map { UInt8(50 + $0) })
        #expect(frame.u == [58, 59] && frame.v == [60, 61])
        #expect(reader.frameInterval == .nanoseconds(33_366_666))
    }

    @Test("odd sizes round chroma up; FRAME parameters and a missing C are fine")
    func oddSize() throws {
        let reader = try Y4MReader(MediaBytes(Y4MBuilder.file(header: "YUV4MPEG2 W5 H3 F25:1", frames: 3, width: 5, height: 3, frameLine: "FRAME Ixyz")))
        #expect(reader.header.chroma == "420")
        let frame = try reader.frame(at: 2)
        #expect(frame.width == 5 && frame.height == 3 && frame.u.count == 6 && frame.v.count == 6)
        #expect(throws: MediaSourceError.invalidField("Y4M frame index 3 of 3")) { try reader.frame(at: 3) }
    }

    @Test("the source loops at the file's rate without drift")
    func source() throws {
        let source = try Y4MVideoSource(MediaBytes(Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30000:1001", frames: 2)))
        let frames = try (0..<5).map { try source.nextFrame(captureTimeMilliseconds: UInt64($0)) }
        guard case .picture(let first) = frames[0].content, case .picture(let third) = frames[2].content else {
            Issue.record("Y4M frames are pictures")
            return
        }
        #expect(first == third)
        #expect(frames[3].presentationTime == .nanoseconds(100_100_000))
        #expect(frames[3].rtpTimestamp90kHz == 9009)
        #expect(frames[4].presentationTime == frames[3].presentationTime + frames[3].duration)
        let late = try Y4MVideoSource(MediaBytes(Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30000:1001", frames: 1)))
        for _ in 0..<30_000 { _ = try late.nextFrame(captureTimeMilliseconds: 0) }
        #expect(try late.nextFrame(captureTimeMilliseconds: 0).presentationTime == .seconds(1001))
    }

    @Test("rejects malformed and unsupported files with a clear error")
    func malformed() {
        let valid = Y4MBuilder.file()
        let cases: [([UInt8], MediaSourceError)] = [
            ([], .badMagic(expected: "Y4M signature YUV4MPEG2", offset: 0)),
            (Array("YUV4MPEG3 W4 H2 F30:1\n".utf8), .badMagic(expected: "Y4M signature YUV4MPEG2", offset: 0)),
            (Array("YUV4MPEG2 W4 H2 F30:1".utf8), .truncated(what: "Y4M header line (no newline in 1024 bytes)", offset: 0)),
            (Array(("YUV4MPEG2 " + String(repeating: "X", count: 2000) + "\n").utf8), .truncated(what: "Y4M header line (no newline in 1024 bytes)", offset: 0)),
            (Y4MBuilder.file(header: "YUV4MPEG2 H2 F30:1"), .invalidField("Y4M header: missing or bad width (W)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W0 H2 F30:1"), .invalidField("Y4M header: missing or bad width (W)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W4 H-2 F30:1"), .invalidField("Y4M header: missing or bad height (H)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W4 H2"), .invalidField("Y4M header: missing or bad frame rate (F)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30:0"), .invalidField("Y4M header: missing or bad frame rate (F)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30"), .invalidField("Y4M header: missing or bad frame rate (F)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30:1 C422"),
             .unsupported("Y4M chroma C422: only 4:2:0 8-bit (C420, C420jpeg, C420mpeg2, C420paldv)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30:1 C420p10"),
             .unsupported("Y4M chroma C420p10: only 4:2:0 8-bit (C420, C420jpeg, C420mpeg2, C420paldv)")),
            (Y4MBuilder.file(header: "YUV4MPEG2 W4 H2 F30:1 It"), .unsupported("Y4M interlacing It: only progressive")),
            (Y4MBuilder.file(frames: 0), .empty("Y4M file has no frames")),
            (Array(valid.dropLast()), .truncated(what: "Y4M frame 1 (12 bytes)", offset: 58)),
            (Y4MBuilder.file(frameLine: "FRAMX"), .badMagic(expected: "Y4M FRAME marker for frame 0", offset: 34)),
            (Y4MBuilder.file(frameLine: "FRAMES"), .badMagic(expected: "Y4M FRAME marker for frame 0", offset: 34)),
            (Y4MBuilder.file(frameLine: "FRAME " + String(repeating: "x", count: 300)),
             .truncated(what: "Y4M FRAME line of frame 0", offset: 34)),
            (valid + Array("FRA".utf8), .badMagic(expected: "Y4M FRAME marker for frame 2", offset: 70)),
        ]
        for (bytes, expected) in cases {
            #expect(throws: expected) { try Y4MReader(MediaBytes(bytes)) }
        }
    }

    @Test("never traps on thousands of mutated or random files")
    func fuzz() throws {
        let valid = Y4MBuilder.file(header: "YUV4MPEG2 W6 H4 F15:1 Ip C420mpeg2", frames: 3, width: 6, height: 4)
        var accepted = 0
        for input in MediaFuzz.inputs(from: valid, count: 3000, seed: 0x4A) {
            guard let reader = try? Y4MReader(MediaBytes(input)) else { continue }
            accepted += 1
            for index in 0..<reader.frameCount { _ = try reader.frame(at: index) }
        }
        #expect(accepted > 0 && accepted < 3000)
    }
}

@Suite("Y4M files from ffmpeg", .enabled(if: FFmpegMedia.enabled, "needs ffmpeg"))
struct Y4MFFmpegTests {
    @Test("an ffmpeg clip: planes equal ffmpeg's raw I420 of the same frames")
    func matchesRaw() async throws {
        let source = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "0.4", "-pix_fmt", "yuv420p"]
        let reader = try Y4MReader(MediaBytes(try await FFmpegMedia.make(source + ["-f", "yuv4mpegpipe"], fileExtension: "y4m")))
        let raw = try await FFmpegMedia.make(source + ["-f", "rawvideo"], fileExtension: "yuv")
        #expect(reader.header.width == 320 && reader.header.height == 240)
        #expect(reader.header.frameRateNumerator == 15 && reader.header.frameRateDenominator == 1)
        #expect(reader.frameCount == 6)
        let decoded = try (0..<reader.frameCount).flatMap { index in
            let frame = try reader.frame(at: index)
            return frame.y + frame.u + frame.v
        }
        #expect(decoded == raw)
    }

    @Test("4:2:2, 4:4:4 and grey clips are refused by name", arguments: [("yuv422p", "422"), ("yuv444p", "444"), ("gray", "mono")])
    func otherChroma(format: (String, String)) async throws {
        let bytes = try await FFmpegMedia.y4m(seconds: 0.1, pixelFormat: format.0)
        #expect(throws: MediaSourceError.unsupported("Y4M chroma C\(format.1): only 4:2:0 8-bit (C420, C420jpeg, C420mpeg2, C420paldv)")) {
            try Y4MReader(MediaBytes(bytes))
        }
    }

    @Test("the pictures encode and decode at the file's size")
    func encodes() async throws {
        let source = try Y4MVideoSource(MediaBytes(try await FFmpegMedia.y4m(size: "320x240", seconds: 0.4)))
        let encoder = try VP8Encoder(settings: VP8EncoderSettings(width: source.width, height: source.height, framesPerSecond: 15, targetBitrateKbps: 300))
        let decoder = try VP8Decoder()
        var decoded = 0
        for index in 0..<12 {
            guard case .picture(let picture) = try source.nextFrame(captureTimeMilliseconds: UInt64(index)).content else { continue }
            for frame in try encoder.encode(picture) where try decoder.decode(frame.data)?.width == 320 { decoded += 1 }
        }
        #expect(decoded >= 10)
    }
}
