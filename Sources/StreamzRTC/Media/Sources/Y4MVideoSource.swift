/// `--video FILE.y4m` as a `VideoSource`: the file's pictures, for the agent to
/// encode, looping at the end, at the file's frame rate.
public final class Y4MVideoSource: VideoSource {
    public let reader: Y4MReader
    private var position = 0
    private var produced = 0

    public init(reader: Y4MReader) {
        self.reader = reader
    }

    public convenience init(_ bytes: MediaBytes) throws(MediaSourceError) {
        self.init(reader: try Y4MReader(bytes))
    }

    public var width: Int { reader.header.width }
    public var height: Int { reader.header.height }
    public var frameInterval: Duration { reader.frameInterval }

    public func nextFrame(captureTimeMilliseconds: UInt64) throws(MediaSourceError) -> VideoSourceFrame {
        let picture = try reader.frame(at: position)
        let start = presentationTime(afterFrames: produced)
        let frame = VideoSourceFrame(content: .picture(picture), index: produced, presentationTime: start,
                                     duration: presentationTime(afterFrames: produced + 1) - start,
                                     captureTimeMilliseconds: captureTimeMilliseconds)
        position = (position + 1) % reader.frameCount
        produced += 1
        return frame
    }

    /// Frame k starts at k x den / num seconds (header F num:den), computed afresh so loops never drift;
    /// whole seconds and the remainder apart, so no product overflows.
    private func presentationTime(afterFrames count: Int) -> Duration {
        let numerator = Int64(reader.header.frameRateNumerator)
        let units = Int64(count) * Int64(reader.header.frameRateDenominator)
        return .seconds(units / numerator) + .nanoseconds(units % numerator * 1_000_000_000 / numerator)
    }

    /// Pictures need no help: the agent's encoder makes the keyframe.
    public func requestKeyframe() {}
}
