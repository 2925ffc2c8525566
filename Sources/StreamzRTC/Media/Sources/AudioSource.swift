/// Something the device agent sends as its audio track: the 440 Hz tone (PCM for
/// the agent's Opus encoder) or a looping Ogg Opus file (packets sent as is).
///
/// Like `VideoSource`, it never reads a clock: the agent calls `nextFrame()`
/// when audio is due and schedules the next call `duration` later.
public protocol AudioSource: AnyObject {
    /// Channels of the PCM or of the Opus stream (1 or 2).
    var channels: Int { get }
    func nextFrame() throws(MediaSourceError) -> AudioSourceFrame
}

/// One block of audio from an `AudioSource`, on the 48 kHz clock Opus RTP always uses (RFC 7587 §4.1).
public struct AudioSourceFrame: Sendable {
    public enum Content: Sendable {
        /// Interleaved 16-bit PCM, `sampleCount` per channel, for `OpusEncoder.encode(_:)`.
        case pcm([Int16])
        /// One Opus packet to send as the RTP payload unchanged.
        case opus([UInt8])
    }

    public var content: Content
    /// Samples per channel at 48 kHz: what the RTP timestamp advances by.
    public var sampleCount: Int
    /// Samples per channel before this frame, across loops (the RTP timestamp minus its random offset).
    public var samplePosition: Int64

    public init(content: Content, sampleCount: Int, samplePosition: Int64) {
        self.content = content
        self.sampleCount = sampleCount
        self.samplePosition = samplePosition
    }

    /// How long this frame lasts: when the agent should ask for the next one.
    public var duration: Duration { .microseconds(Int64(sampleCount) * 1_000_000 / 48_000) }
}
