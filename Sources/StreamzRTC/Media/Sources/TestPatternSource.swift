/// `--video testsrc` as a `VideoSource`: the moving `TestPattern` at the quality
/// preset's size and rate, which `configure` changes live (`session.quality`).
public final class TestPatternSource: VideoSource {
    public private(set) var pattern: TestPattern
    public private(set) var framesPerSecond: Int
    private var produced = 0
    /// The timeline restarts its count at each rate change, so it stays exact (no summed rounding).
    private var segmentStart: Duration = .zero
    private var segmentFrames = 0

    public init(width: Int, height: Int, framesPerSecond: Int) throws(MediaSourceError) {
        guard (1...240).contains(framesPerSecond) else { throw .invalidField("frame rate \(framesPerSecond)") }
        pattern = try TestPattern(width: width, height: height)
        self.framesPerSecond = framesPerSecond
    }

    public var width: Int { pattern.width }
    public var height: Int { pattern.height }
    public var frameInterval: Duration { .nanoseconds(1_000_000_000 / Int64(framesPerSecond)) }

    /// Switches size and rate between frames; the timeline and frame counter continue.
    public func configure(width: Int, height: Int, framesPerSecond: Int) throws(MediaSourceError) {
        guard (1...240).contains(framesPerSecond) else { throw .invalidField("frame rate \(framesPerSecond)") }
        if width != pattern.width || height != pattern.height { pattern = try TestPattern(width: width, height: height) }
        segmentStart = presentationTime(afterFrames: segmentFrames)
        segmentFrames = 0
        self.framesPerSecond = framesPerSecond
    }

    public func nextFrame(captureTimeMilliseconds: UInt64) throws(MediaSourceError) -> VideoSourceFrame {
        let picture = pattern.render(frameNumber: produced, captureTimeMilliseconds: captureTimeMilliseconds)
        let start = presentationTime(afterFrames: segmentFrames)
        let frame = VideoSourceFrame(content: .picture(picture), index: produced, presentationTime: start,
                                     duration: presentationTime(afterFrames: segmentFrames + 1) - start,
                                     captureTimeMilliseconds: captureTimeMilliseconds)
        produced += 1
        segmentFrames += 1
        return frame
    }

    private func presentationTime(afterFrames count: Int) -> Duration {
        segmentStart + .nanoseconds(Int64(count) * 1_000_000_000 / Int64(framesPerSecond))
    }

    /// Pictures need no help: the agent's encoder makes the keyframe.
    public func requestKeyframe() {}
}
