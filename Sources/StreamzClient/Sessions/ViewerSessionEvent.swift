import StreamzProtocol
import StreamzRTC

/// What a `ViewerSession` reports, UI-agnostic: `streamz watch` prints it, the monitor draws it.
public enum ViewerSessionEvent: Sendable {
    /// `connecting` once the offer is answered, `connected` once media can flow.
    case state(SessionState)
    /// A decoded picture and how long it took from capture to here.
    case videoFrame(ViewerVideoFrame)
    /// The level of one 20 ms window of decoded audio.
    case audioLevel(AudioLevel)
    /// The figures of the last second (also sent to the server as `session.stats`).
    case stats(ViewerStats)
    /// The session ended normally (the viewer stopped it, or the device ended it after connecting).
    case ended(reason: String)
    /// The session failed; the stream finishes after this.
    case failed(SessionFailure)
}

/// A viewer's figures: the PROTOCOL.md `stats` shape plus the counters `watch --json` prints.
public struct ViewerStats: Equatable, Sendable {
    /// What goes to the server as `session.stats`.
    public var report: SessionStats
    public var framesDecoded: Int
    public var audioFramesDecoded: Int
    public var nacksSent: Int
    public var plisSent: Int
    /// From `session.start` to the first decoded video frame (audio frame in an audio session).
    public var timeToFirstFrameMs: Double?

    public init(report: SessionStats = SessionStats(), framesDecoded: Int = 0, audioFramesDecoded: Int = 0,
                nacksSent: Int = 0, plisSent: Int = 0, timeToFirstFrameMs: Double? = nil) {
        self.report = report
        self.framesDecoded = framesDecoded
        self.audioFramesDecoded = audioFramesDecoded
        self.nacksSent = nacksSent
        self.plisSent = plisSent
        self.timeToFirstFrameMs = timeToFirstFrameMs
    }
}

/// A decoded picture with its capture-to-decoded latency: measured when the sender carried its
/// capture time (our agent's test pattern), otherwise estimated (PROTOCOL.md §3 "Measures").
public struct ViewerVideoFrame: Sendable {
    public var frame: I420Frame
    public var latencyMs: Double?
    public var latencyEstimated: Bool

    public init(frame: I420Frame, latencyMs: Double?, latencyEstimated: Bool) {
        self.frame = frame
        self.latencyMs = latencyMs
        self.latencyEstimated = latencyEstimated
    }
}
