/// What a `VP8Encoder` produces; every field can change while encoding.
public struct VP8EncoderSettings: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var framesPerSecond: Int
    public var targetBitrateKbps: Int
    /// Longest run of delta frames before libvpx inserts a keyframe on its own;
    /// receivers ask sooner with PLI when they lose one.
    public var maxKeyframeInterval: Int
    /// libvpx realtime speed (0-16): higher trades quality for CPU, which a shared machine needs.
    /// Applied as a fixed speed, independent of how fast the machine happens to be.
    public var cpuUsed: Int

    public init(
        width: Int, height: Int, framesPerSecond: Int = 30, targetBitrateKbps: Int = 600,
        maxKeyframeInterval: Int = 3000, cpuUsed: Int = 12
    ) {
        self.width = width
        self.height = height
        self.framesPerSecond = framesPerSecond
        self.targetBitrateKbps = targetBitrateKbps
        self.maxKeyframeInterval = maxKeyframeInterval
        self.cpuUsed = cpuUsed
    }

    func validate() throws(CodecError) {
        // VP8 frame sizes are 14-bit (RFC 6386 §9.1).
        guard (1...16383).contains(width), (1...16383).contains(height) else {
            throw .invalidSettings("size \(width)x\(height)")
        }
        guard (1...240).contains(framesPerSecond) else { throw .invalidSettings("\(framesPerSecond) fps") }
        guard (1...100_000).contains(targetBitrateKbps) else { throw .invalidSettings("\(targetBitrateKbps) kbps") }
        guard maxKeyframeInterval >= 1 else { throw .invalidSettings("keyframe interval \(maxKeyframeInterval)") }
        guard (0...16).contains(cpuUsed) else { throw .invalidSettings("cpu-used \(cpuUsed)") }
    }
}

/// One encoded VP8 frame, ready for `VP8Packetizer`.
public struct VP8EncodedFrame: Equatable, Sendable {
    public var data: [UInt8]
    public var isKeyframe: Bool
    /// Presentation time in 90 kHz units (the RTP video clock), counted from the first frame.
    public var timestamp: Int64
}
