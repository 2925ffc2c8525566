/// `type` of a session: which tracks the viewer asks for.
public enum SessionType: String, Codable, Sendable, CaseIterable {
    case video
    case audio
    case both

    public var wantsVideo: Bool { self != .audio }
    public var wantsAudio: Bool { self != .video }
}

/// `quality` of a session and the sender's targets for it (PROTOCOL.md §2).
public enum Quality: String, Codable, Sendable, CaseIterable {
    case low
    case medium
    case high
    /// Starts at medium and follows the sender's bandwidth estimate.
    case auto

    public struct Preset: Equatable, Sendable {
        public var width: Int
        public var height: Int
        public var framesPerSecond: Int
        public var videoKbps: Int
        public var audioKbps: Int
    }

    public var preset: Preset {
        switch self {
        case .low: Preset(width: 320, height: 240, framesPerSecond: 15, videoKbps: 250, audioKbps: 32)
        case .medium, .auto: Preset(width: 640, height: 480, framesPerSecond: 30, videoKbps: 800, audioKbps: 48)
        case .high: Preset(width: 1280, height: 720, framesPerSecond: 30, videoKbps: 2000, audioKbps: 64)
        }
    }
}

/// `state` of a session: requested → connecting → connected → ended, or failed.
public enum SessionState: String, Codable, Sendable, CaseIterable {
    case requested
    case connecting
    case connected
    case ended
    case failed

    /// Ended and failed sessions take no further transitions.
    public var isFinal: Bool { self == .ended || self == .failed }
}

/// `connectionType` from the selected ICE candidate pair (PROTOCOL.md §4).
public enum ConnectionType: String, Codable, Sendable {
    case p2p
    case relay
}

/// ICE candidate types as reported in stats.
public enum CandidateType: String, Codable, Sendable {
    case host
    case srflx
    case prflx
    case relay
}
