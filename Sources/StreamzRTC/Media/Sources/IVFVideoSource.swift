/// `--video FILE.ivf` as a `VideoSource`: the file's VP8 frames sent without
/// re-encoding, looping from frame 0 (a keyframe) at the end, on a timeline
/// that keeps running across loops. The timeline counts the file's own
/// time-base ticks, so it does not drift however long it loops.
public final class IVFVideoSource: VideoSource {
    public let reader: IVFReader
    /// The mean spacing of the file's frames.
    public let frameInterval: Duration
    /// Ticks the last frame lasts (the mean spacing), before the loop starts again.
    private let lastFrameTicks: UInt64
    private var position = 0
    private var produced = 0
    private var elapsedTicks: UInt64 = 0
    private var keyframeRequested = false
    public private(set) var width: Int
    public private(set) var height: Int

    /// Frame spacing assumed when a file of one frame gives none to measure.
    static let singleFrameInterval: Duration = .milliseconds(33)

    public init(reader: IVFReader) {
        self.reader = reader
        let frames = reader.frames
        if let first = frames.first, let last = frames.last, frames.count > 1, last.timestamp > first.timestamp {
            let span = last.timestamp - first.timestamp, gaps = UInt64(frames.count - 1)
            lastFrameTicks = max(1, (span + gaps / 2) / gaps)
            frameInterval = reader.duration(ofTicks: span) / (frames.count - 1)
        } else {
            // Ticks nearest to 33 ms on the file's time base, at least one.
            let header = reader.header
            lastFrameTicks = UInt64(max(1, (33 * header.timebaseDenominator + 500 * header.timebaseNumerator) / (1000 * header.timebaseNumerator)))
            frameInterval = Self.singleFrameInterval
        }
        width = reader.header.width
        height = reader.header.height
    }

    public convenience init(_ bytes: MediaBytes) throws(MediaSourceError) {
        self.init(reader: try IVFReader(bytes))
    }

    public func nextFrame(captureTimeMilliseconds: UInt64) throws(MediaSourceError) -> VideoSourceFrame {
        let frames = reader.frames
        if keyframeRequested {
            keyframeRequested = false
            // The next keyframe ahead; the file's start (always a keyframe) when none is left.
            position = frames[position...].firstIndex(where: \.isKeyframe) ?? 0
        }
        let entry = frames[position]
        let data = try reader.frameData(at: position)
        if entry.isKeyframe, let header = try? VP8FrameHeader(parsing: data), let width = header.width, let height = header.height {
            self.width = width
            self.height = height
        }
        let next = position + 1
        let ticks = next < frames.count ? frames[next].timestamp - entry.timestamp : lastFrameTicks
        // Both ends from the tick count, so consecutive frames meet exactly.
        let start = reader.duration(ofTicks: elapsedTicks)
        let frame = VideoSourceFrame(content: .vp8(data: data, isKeyframe: entry.isKeyframe), index: produced,
                                     presentationTime: start, duration: reader.duration(ofTicks: elapsedTicks &+ ticks) - start,
                                     captureTimeMilliseconds: captureTimeMilliseconds)
        position = next < frames.count ? next : 0
        produced += 1
        elapsedTicks &+= ticks
        return frame
    }

    public func requestKeyframe() {
        keyframeRequested = true
    }
}
