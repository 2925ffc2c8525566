/// What a `MediaReceiver` needs besides the negotiated streams.
public struct MediaReceiverConfiguration: Sendable {
    /// The SSRC our RTCP (RR, NACK, PLI, REMB) is sent from; a recvonly viewer announces
    /// none, so any value unused by the sender does (Chromium uses 1).
    public var localSSRC: UInt32
    /// RTCP CNAME (RFC 7022: random per session).
    public var cname: String
    /// Seeds the RTCP interval's randomisation (RFC 3550 §6.3.1).
    public var seed: UInt64
    public var jitterBuffer: JitterBufferConfiguration
    /// How long an audio hole is waited for before it is concealed.
    public var audioPlayoutDelay: Duration
    /// Session bandwidth for the RTCP interval (RFC 3550 §6.2): the quality's video + audio.
    public var sessionBandwidthKbps: Int
    /// Times decoding on the caller's monotonic clock (the one `now` comes from), for the
    /// decode-time part of the latency. StreamzRTC reads no clock itself: the runtime injects
    /// one (pion's habit), tests a virtual one; nil counts decoding as instantaneous.
    public var decodeClock: (@Sendable () -> Instant)?

    public init(localSSRC: UInt32 = 1, cname: String, seed: UInt64,
                jitterBuffer: JitterBufferConfiguration = JitterBufferConfiguration(),
                audioPlayoutDelay: Duration = .milliseconds(60), sessionBandwidthKbps: Int = 850,
                decodeClock: (@Sendable () -> Instant)? = nil) {
        self.localSSRC = localSSRC
        self.cname = cname
        self.seed = seed
        self.jitterBuffer = jitterBuffer
        self.audioPlayoutDelay = audioPlayoutDelay
        self.sessionBandwidthKbps = sessionBandwidthKbps
        self.decodeClock = decodeClock
    }
}
