/// The sender's targets for a session's quality (PROTOCOL.md §2 "Quality presets").
public enum QualityPreset: String, Hashable, Sendable, CaseIterable {
    /// 320x240, 15 fps, 250 kbps video; 32 kbps Opus.
    case low
    /// 640x480, 30 fps, 800 kbps video; 48 kbps Opus.
    case medium
    /// 1280x720, 30 fps, 2000 kbps video; 64 kbps Opus.
    case high
    /// Starts at `medium` and follows the receiver's bandwidth estimate (REMB).
    case auto

    /// The fixed target; `auto` starts from medium's.
    public var video: VideoTarget {
        switch self {
        case .low: VideoTarget(width: 320, height: 240, framesPerSecond: 15, bitrateKbps: 250)
        case .medium, .auto: VideoTarget(width: 640, height: 480, framesPerSecond: 30, bitrateKbps: 800)
        case .high: VideoTarget(width: 1280, height: 720, framesPerSecond: 30, bitrateKbps: 2000)
        }
    }

    /// Opus bits per second: 32 kbps (low) to 64 kbps (high).
    public var audioBitrate: Int {
        switch self {
        case .low: 32_000
        case .medium, .auto: 48_000
        case .high: 64_000
        }
    }

    /// The largest fixed preset whose bitrate an estimate can carry, for `auto`.
    /// The bands sit between the presets' bitrates so that a small wobble in the
    /// estimate does not flip the size (see also the hold time in `MediaSender`).
    static func fitting(videoKbps: Int) -> QualityPreset {
        if videoKbps >= 1400 { return .high }
        if videoKbps >= 450 { return .medium }
        return .low
    }
}

/// What the video encoder aims for: picture size, frame rate and bitrate.
public struct VideoTarget: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public var framesPerSecond: Int
    public var bitrateKbps: Int

    public init(width: Int, height: Int, framesPerSecond: Int, bitrateKbps: Int) {
        self.width = width
        self.height = height
        self.framesPerSecond = framesPerSecond
        self.bitrateKbps = bitrateKbps
    }

    /// Time between frames at the target rate.
    public var frameInterval: Duration { .nanoseconds(1_000_000_000 / Int64(max(1, framesPerSecond))) }

    public var description: String { "\(width)x\(height)@\(framesPerSecond) \(bitrateKbps) kbps" }
}
