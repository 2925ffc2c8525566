/// What a `MediaSender` needs besides the negotiated streams.
public struct MediaSenderConfiguration: Sendable {
    /// The SSRCs announced in our offer (`DeviceOffer.Options`).
    public var videoSSRC: UInt32
    /// RFC 4588 retransmissions go here when RTX was negotiated.
    public var videoRTXSSRC: UInt32
    public var audioSSRC: UInt32
    /// RTCP CNAME (RFC 3550 §6.5.1), the one in the offer's `a=ssrc` lines.
    public var cname: String
    public var quality: QualityPreset
    /// Seeds the random initial sequence numbers and timestamps (RFC 3550 §5.1) and the
    /// RTCP interval's randomisation; the runtime passes a random value, tests a constant.
    public var seed: UInt64
    /// Largest RTP payload (VP8 descriptor included): 1200 keeps RTP header, extensions
    /// and the SRTP tag under a 1280-byte path MTU.
    public var maxPayloadSize: Int
    /// Sent video packets kept for NACKs: at 2 Mbit/s about two seconds.
    public var historyCapacity: Int
    /// libvpx realtime speed (see `VP8EncoderSettings.cpuUsed`).
    public var cpuUsed: Int

    public init(videoSSRC: UInt32, videoRTXSSRC: UInt32, audioSSRC: UInt32, cname: String, quality: QualityPreset,
                seed: UInt64, maxPayloadSize: Int = 1200, historyCapacity: Int = 1024, cpuUsed: Int = 12) {
        self.videoSSRC = videoSSRC
        self.videoRTXSSRC = videoRTXSSRC
        self.audioSSRC = audioSSRC
        self.cname = cname
        self.quality = quality
        self.seed = seed
        self.maxPayloadSize = maxPayloadSize
        self.historyCapacity = historyCapacity
        self.cpuUsed = cpuUsed
    }

    /// The SSRCs and CNAME of the offer the device made.
    public init(options: DeviceOffer.Options, quality: QualityPreset, seed: UInt64) {
        self.init(videoSSRC: options.videoSSRC, videoRTXSSRC: options.videoRTXSSRC, audioSSRC: options.audioSSRC,
                  cname: options.cname, quality: quality, seed: seed)
    }
}
