/// A decoded picture as the receiver hands it to the monitor or `watch`.
public struct DecodedVideoFrame: Equatable, Sendable {
    public var frame: I420Frame
    public var rtpTimestamp: UInt32
    public var isKeyframe: Bool
    /// The sender's capture time from abs-capture-time (sent or interpolated), when known.
    public var captureTime: NTPTimestamp?
    /// Capture to decoded; `latencyEstimated` says how it was obtained (PROTOCOL.md §2 "Measures").
    public var latency: Duration?
    public var latencyEstimated: Bool
    /// When the frame's first packet arrived and when it was decoded (caller's clock).
    public var firstPacketAt: Instant
    public var decodedAt: Instant
}

/// One decoded (or concealed) Opus packet: 48 kHz mono PCM and its 20 ms levels.
public struct DecodedAudio: Equatable, Sendable {
    public var samples: [Int16]
    public var rtpTimestamp: UInt32
    /// Level of each complete 20 ms window (RMS and peak dBFS).
    public var levels: [AudioLevel]
    /// The sender's RFC 6464 level for this packet, when negotiated and sent.
    public var senderLevel: AudioLevelExtension?
    /// libopus concealment or FEC stood in for a lost packet.
    public var concealed: Bool
}

/// What the media layer tells its owner besides packets to send.
public enum MediaEvent: Equatable, Sendable {
    /// Viewer: a decoded picture (its size follows the stream; sizes may change at keyframes).
    case videoFrame(DecodedVideoFrame)
    /// Viewer: decoded audio with its levels.
    case audio(DecodedAudio)
    /// Device: the receiver asked for a keyframe. The encoder already complies; a source
    /// that sends pre-encoded frames (IVF) should move to its next keyframe.
    case keyframeRequested
    /// Device: the video target changed (quality change, or `auto` following REMB):
    /// a source that renders (the test pattern) should render this size and rate.
    case videoTargetChanged(VideoTarget)
}

/// Why the media layer refused an input.
public enum MediaSessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// This kind was not negotiated (or not for sending / receiving).
    case notNegotiated(MediaKind)
    case codec(CodecError)
    case packetization(VP8Error)
    /// Input of the wrong shape (an empty frame, a PCM block of the wrong length, ...).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .notNegotiated(let kind): "\(kind) was not negotiated"
        case .codec(let error): "codec: \(error)"
        case .packetization(let error): "packetization: \(error)"
        case .invalidInput(let what): "invalid input: \(what)"
        }
    }
}
