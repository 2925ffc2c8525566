import Foundation
import StreamzProtocol
import StreamzRTC

/// The agent's sources (`--video`, `--audio`): they decide the device's capabilities and which
/// tracks it offers.
public struct AgentSources: Equatable, Sendable {
    public var video: VideoSourceChoice
    public var audio: AudioSourceChoice

    public init(video: VideoSourceChoice, audio: AudioSourceChoice) {
        self.video = video
        self.audio = audio
    }

    public var capabilities: Capabilities {
        Capabilities(camera: video != .none, microphone: audio != .none)
    }

    /// Opens each source once before the agent goes online, so a missing or malformed file fails
    /// at start-up rather than at the first session.
    public func validate() throws(MediaSourceChoiceError) {
        _ = try open(kinds: [.video, .audio], target: QualityPreset.low.video)
    }

    /// The sources for one session: the pattern at the preset's size and rate, files as they are.
    /// Each session gets its own, so several viewers never share a file position.
    func open(kinds: [MediaKind], target: VideoTarget) throws(MediaSourceChoiceError)
        -> (video: (any VideoSource)?, audio: (any AudioSource)?)
    {
        (kinds.contains(.video) ? try openVideo(target: target) : nil, kinds.contains(.audio) ? try openAudio() : nil)
    }

    private func openVideo(target: VideoTarget) throws(MediaSourceChoiceError) -> (any VideoSource)? {
        switch video {
        case .testPattern:
            return try Self.opening("testsrc") {
                try TestPatternSource(width: target.width, height: target.height, framesPerSecond: target.framesPerSecond)
            }
        case .ivf(let path): return try Self.opening(path) { try IVFVideoSource(try Self.fileBytes(path)) }
        case .y4m(let path): return try Self.opening(path) { try Y4MVideoSource(try Self.fileBytes(path)) }
        case .none: return nil
        }
    }

    private func openAudio() throws(MediaSourceChoiceError) -> (any AudioSource)? {
        switch audio {
        case .tone: return try Self.opening("tone") { try ToneSource() }
        case .ogg(let path): return try Self.opening(path) { try OggOpusAudioSource(try Self.fileBytes(path)) }
        case .none: return nil
        }
    }

    /// Runs `open`, turning a missing file or a parser's refusal into one error that names it.
    private static func opening<Source>(_ name: String, _ open: () throws -> Source) throws(MediaSourceChoiceError) -> Source {
        do { return try open() } catch { throw MediaSourceChoiceError(argument: name, expected: "a readable source (\(error))") }
    }

    /// A file's bytes, read at the offsets the parser asks for (a long Y4M file need not fit in
    /// memory). The handle lives as long as the source that captured it.
    static func fileBytes(_ path: String) throws -> MediaBytes {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        return MediaBytes(count: Int(size)) { offset, length in
            try handle.seek(toOffset: UInt64(offset))
            return [UInt8](try handle.read(upToCount: length) ?? Data())
        }
    }
}
