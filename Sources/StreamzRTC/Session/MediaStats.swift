/// A viewer's or device's figures in the shape of PROTOCOL.md's `stats` object
/// (StreamzRTC cannot import StreamzProtocol; the client copies these across and adds
/// what only the peer knows: connection and candidate types). `nil` means unknown.
public struct MediaStats: Equatable, Sendable {
    public var rttMs: Double?
    /// Capture to decoded; see `latencyEstimated`.
    public var latencyMs: Double?
    /// false: measured from the sender's abs-capture-time; true: RTT/2 + jitter-buffer delay + decode time.
    public var latencyEstimated: Bool?
    public var jitterMs: Double?
    /// Packets never received (retransmissions that arrived count as received), since the start.
    public var packetsLost: Int?
    /// `packetsLost` over the packets expected since the start (RFC 3550 A.3).
    public var packetLossRatio: Double?
    /// Received over the last second, RTP payload bytes.
    public var bitrateKbps: Double?
    public var framesPerSecond: Double?
    public var width: Int?
    public var height: Int?
    /// RMS of the decoded audio over the last second, dBFS (PROTOCOL.md §2 "Measures").
    public var audioLevelDb: Double?

    // Beyond the shared shape: what `streamz watch` prints and time-to-first-frame needs.
    public var framesDecoded: Int = 0
    public var framesDropped: Int = 0
    /// Generic NACK messages sent (RFC 4585 §6.2.1), and the sequence numbers they asked for.
    public var nacksSent: Int = 0
    public var nackedPackets: Int = 0
    public var plisSent: Int = 0
    public var firsSent: Int = 0
    public var packetsReceived: Int = 0
    public var bytesReceived: Int = 0
    /// Packets that came back as RFC 4588 retransmissions.
    public var retransmittedPacketsReceived: Int = 0
    /// Audio packets concealed (lost and not recovered in time).
    public var audioPacketsConcealed: Int = 0
    /// When the first video frame was decoded, and the first audio packet (caller's clock).
    public var firstVideoFrameAt: Instant?
    public var firstAudioAt: Instant?
    /// The receive-side bandwidth estimate sent as REMB, kbit/s.
    public var estimatedBandwidthKbps: Double?

    public init() {}
}

/// What a device knows about its own sending; `stats` gives the PROTOCOL.md shape for `senderStats`.
public struct MediaSenderStats: Equatable, Sendable {
    public var quality: QualityPreset
    public var target: VideoTarget?
    /// Media sent over the last second (retransmissions included), kbit/s.
    public var bitrateKbps: Double = 0
    public var framesPerSecond: Double = 0
    public var width: Int?
    public var height: Int?
    public var packetsSent: Int = 0
    public var bytesSent: Int = 0
    public var framesSent: Int = 0
    public var keyframesSent: Int = 0
    /// PLIs and (new) FIRs received.
    public var keyframeRequests: Int = 0
    public var nacksReceived: Int = 0
    public var retransmissions: Int = 0
    /// From the receiver's RR: LSR/DLSR (RFC 3550 §6.4.1), its loss and jitter figures.
    public var rttMs: Double?
    public var packetsLost: Int?
    public var packetLossRatio: Double?
    public var jitterMs: Double?
    /// The last REMB from the receiver, bit/s.
    public var remoteEstimateBitsPerSecond: UInt64?
    /// Frames given to `sendVideo` that the frame-rate cap or the encoder's rate control skipped.
    public var framesSkipped: Int = 0

    public init(quality: QualityPreset) { self.quality = quality }

    /// The PROTOCOL.md `stats` shape a device reports as `senderStats`.
    public var stats: MediaStats {
        var stats = MediaStats()
        stats.rttMs = rttMs
        stats.jitterMs = jitterMs
        stats.packetsLost = packetsLost
        stats.packetLossRatio = packetLossRatio
        stats.bitrateKbps = bitrateKbps
        stats.framesPerSecond = framesPerSecond
        stats.width = width
        stats.height = height
        return stats
    }
}
