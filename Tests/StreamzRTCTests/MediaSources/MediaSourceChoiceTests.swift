import Testing
@testable import StreamzRTC

@Suite("Media source choice")
struct MediaSourceChoiceTests {
    @Test("parses the device's --video and --audio values")
    func parsing() throws {
        #expect(try VideoSourceChoice(argument: "testsrc") == .testPattern)
        #expect(try VideoSourceChoice(argument: "none") == VideoSourceChoice.none)
        #expect(try VideoSourceChoice(argument: "/media/clip.IVF") == .ivf(path: "/media/clip.IVF"))
        #expect(try VideoSourceChoice(argument: "clip.y4m") == .y4m(path: "clip.y4m"))
        #expect(throws: MediaSourceError.unsupported("video source \"clip.mp4\": use testsrc, FILE.ivf, FILE.y4m or none")) {
            try VideoSourceChoice(argument: "clip.mp4")
        }
        #expect(try AudioSourceChoice(argument: "tone") == .tone)
        #expect(try AudioSourceChoice(argument: "none") == AudioSourceChoice.none)
        #expect(try AudioSourceChoice(argument: "a.ogg") == .oggOpus(path: "a.ogg"))
        #expect(try AudioSourceChoice(argument: "a.opus") == .oggOpus(path: "a.opus"))
        #expect(throws: MediaSourceError.unsupported("audio source \"a.wav\": use tone, FILE.ogg or none")) { try AudioSourceChoice(argument: "a.wav") }
    }

    @Test("makes each source through the caller's open closure")
    func making() throws {
        let files: [String: [UInt8]] = [
            "clip.ivf": IVFBuilder.file(try IVFBuilder.encodedFrames(2)),
            "clip.y4m": Y4MBuilder.file(),
            "tone.ogg": OggBuilder.stream([OggBuilder.opusHead(), OggBuilder.opusTags(), OggBuilder.audioPacket(20)]),
        ]
        let open: (String) throws -> MediaBytes = { path in
            guard let bytes = files[path] else { throw FFmpegMedia.Failure(description: "no such file") }
            return MediaBytes(bytes)
        }
        let pattern = try VideoSourceChoice.testPattern.makeSource(width: 640, height: 480, framesPerSecond: 30, open: open)
        #expect(pattern is TestPatternSource && pattern?.width == 640)
        #expect(try VideoSourceChoice.ivf(path: "clip.ivf").makeSource(width: 640, height: 480, framesPerSecond: 30, open: open) is IVFVideoSource)
        #expect(try VideoSourceChoice.y4m(path: "clip.y4m").makeSource(width: 640, height: 480, framesPerSecond: 30, open: open)?.width == 4)
        #expect(try VideoSourceChoice.none.makeSource(width: 640, height: 480, framesPerSecond: 30, open: open) == nil)
        #expect(try AudioSourceChoice.tone.makeSource(channels: 2, open: open)?.channels == 2)
        #expect(try AudioSourceChoice.oggOpus(path: "tone.ogg").makeSource(open: open) is OggOpusAudioSource)
        #expect(throws: MediaSourceError.readFailed("gone.y4m: no such file")) {
            try VideoSourceChoice.y4m(path: "gone.y4m").makeSource(width: 640, height: 480, framesPerSecond: 30, open: open)
        }
    }
}
