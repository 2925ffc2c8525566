/// Something the device agent sends as its video track: the moving test pattern,
/// a looping VP8 IVF file (sent as is) or a looping Y4M file (to be encoded).
///
/// The agent drives every source the same way from its own timer: call
/// `nextFrame(captureTimeMilliseconds:)` when a frame is due and schedule the
/// next call `duration` later. Sources never read a clock; the capture time the
/// agent passes in is echoed back (and drawn into the test pattern).
public protocol VideoSource: AnyObject {
    /// The size of the pictures or encoded frames this source produces now.
    var width: Int { get }
    var height: Int { get }
    /// The nominal frame interval (the preset's for the pattern, the file's rate for files).
    var frameInterval: Duration { get }
    /// The next frame. `captureTimeMilliseconds` is the agent's wall-clock time
    /// (Unix epoch milliseconds) at which the frame is taken, as sent in abs-capture-time.
    func nextFrame(captureTimeMilliseconds: UInt64) throws(MediaSourceError) -> VideoSourceFrame
    /// A receiver lost a frame (PLI/FIR). Sources of encoded frames skip ahead to a
    /// keyframe; sources of pictures do nothing (the agent's encoder makes one).
    func requestKeyframe()
}

/// One frame from a `VideoSource`.
public struct VideoSourceFrame: Sendable {
    public enum Content: Sendable {
        /// A picture for the agent's VP8 encoder (test pattern, Y4M).
        case picture(I420Frame)
        /// An already encoded VP8 frame to packetize as is (IVF).
        case vp8(data: [UInt8], isKeyframe: Bool)
    }

    public var content: Content
    /// Counts the frames this source produced, from 0, across loops.
    public var index: Int
    /// The source's own timeline, continuous across loops: the RTP timestamp is
    /// this times 90 kHz (RFC 7741 §6.1) plus the track's random offset.
    public var presentationTime: Duration
    /// How long this frame lasts: when the agent should ask for the next one.
    public var duration: Duration
    /// The capture time the agent passed in, for the abs-capture-time extension.
    public var captureTimeMilliseconds: UInt64

    public init(content: Content, index: Int, presentationTime: Duration, duration: Duration, captureTimeMilliseconds: UInt64) {
        self.content = content
        self.index = index
        self.presentationTime = presentationTime
        self.duration = duration
        self.captureTimeMilliseconds = captureTimeMilliseconds
    }

    /// `presentationTime` on the 90 kHz RTP video clock.
    public var rtpTimestamp90kHz: UInt32 {
        // 90 000 ticks per 10^9 ns = 9 per 100 000 ns, rounded to the nearest tick (a 30 fps
        // frame lasts 33 333 333 ns); wraps as RTP timestamps do (RFC 3550 §5.1).
        UInt32(truncatingIfNeeded: (presentationTime.totalNanoseconds * 9 + 50_000) / 100_000)
    }
}
