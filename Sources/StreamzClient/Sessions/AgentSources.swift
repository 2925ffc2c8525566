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
    public func validate() throws(MediaSourceError) {
        _ = try video.makeSource(width: 320, height: 240, framesPerSecond: 15, open: Self.fileBytes)
        _ = try audio.makeSource(open: Self.fileBytes)
    }

    /// The sources for one session: the pattern at the preset's size and rate, files as they are.
    /// Each session gets its own, so several viewers never share a file position.
    func open(kinds: [MediaKind], target: VideoTarget) throws(MediaSourceError) -> (video: (any VideoSource)?, audio: (any AudioSource)?) {
        let video = kinds.contains(.video)
            ? try self.video.makeSource(width: target.width, height: target.height, framesPerSecond: target.framesPerSecond,
                                        open: Self.fileBytes)
            : nil
        let audio = kinds.contains(.audio) ? try self.audio.makeSource(open: Self.fileBytes) : nil
        return (video, audio)
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
