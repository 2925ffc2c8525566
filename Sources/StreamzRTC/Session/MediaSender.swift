/// The device side of a session's media, sans-IO: pictures and PCM in, RTP packets out;
/// RTCP from the viewer in, retransmissions and keyframes out; sender reports on the
/// RFC 3550 §6.2 interval from `poll`. Time (`now`, monotonic) and wall-clock time
/// (`NTPTimestamp`) always come in as parameters.
///
/// ```swift
/// let sender = try MediaSender(configuration: .init(options: offerOptions, quality: .medium, seed: s),
///                              negotiated: peer.negotiated!)
/// for packet in try sender.sendVideo(frame, captureTime: wall, now: now) { try peer.sendRTP(packet, now: now) }
/// let resent = sender.handle(rtcp: packets, now: now, wallClock: wall)   // NACK answers
/// if let report = sender.poll(now: now, wallClock: wall) { try peer.sendRTCP(report, now: now) }
/// ```
///
/// Not `Sendable`: one owner (the runtime's thread) drives it, like `RTCPeer`.
public final class MediaSender {
    public let configuration: MediaSenderConfiguration
    let video: NegotiatedStream?
    let audio: NegotiatedStream?

    public internal(set) var quality: QualityPreset
    /// What the encoder aims for now; a rendering source should produce this size and rate.
    public internal(set) var videoTarget: VideoTarget
    /// A PLI or FIR arrived and no keyframe was sent since (for pass-through sources).
    public internal(set) var keyframeRequested = false

    var encoder: VP8Encoder?
    var encoderTargetApplied: VideoTarget?
    var packetizer: VP8Packetizer
    var opusEncoder: OpusEncoder?
    var random: SeededRandom
    var videoSequence: UInt16
    var rtxSequence: UInt16
    var audioSequence: UInt16
    let videoTimestampBase: UInt32
    var audioTimestamp: UInt32
    /// The instant video timestamps count from (the first frame).
    var videoClockOrigin: Instant?
    var lastFrameAccepted: Instant?
    var history: RTPPacketHistory
    var lastRetransmission: [UInt16: Instant] = [:]
    var videoCounts: SenderStatistics
    var audioCounts: SenderStatistics
    var rtcpTimer: RTCPIntervalTimer
    var sentRate = RateWindow()
    var frameRate = RateWindow()
    /// The last FIR command sequence number per requesting SSRC (RFC 5104 §4.3.1.2).
    var lastFIRSequence: [UInt32: UInt8] = [:]
    /// When `auto` last changed the picture size.
    var lastAutoResize: Instant?
    var statsStore: MediaSenderStats
    var events: [MediaEvent] = []

    /// Uses the negotiated video and audio streams our side sends.
    public init(configuration: MediaSenderConfiguration, negotiated: NegotiatedMedia) throws(MediaSessionError) {
        self.configuration = configuration
        video = negotiated.video.flatMap { $0.localDirection.sends ? $0 : nil }
        audio = negotiated.audio.flatMap { $0.localDirection.sends ? $0 : nil }
        guard video != nil || audio != nil else { throw .invalidInput("nothing negotiated to send") }
        quality = configuration.quality
        videoTarget = configuration.quality.video
        do { packetizer = try VP8Packetizer(maxPayloadSize: configuration.maxPayloadSize) } catch { throw .packetization(error) }
        random = SeededRandom(seed: configuration.seed)
        // RFC 3550 §5.1: sequence numbers and timestamps start at random values.
        videoSequence = UInt16.random(in: 0...UInt16.max, using: &random)
        rtxSequence = UInt16.random(in: 0...UInt16.max, using: &random)
        audioSequence = UInt16.random(in: 0...UInt16.max, using: &random)
        videoTimestampBase = UInt32.random(in: 0...UInt32.max, using: &random)
        audioTimestamp = UInt32.random(in: 0...UInt32.max, using: &random)
        history = RTPPacketHistory(capacity: configuration.historyCapacity)
        videoCounts = SenderStatistics(ssrc: configuration.videoSSRC, clockRate: 90_000)
        audioCounts = SenderStatistics(ssrc: configuration.audioSSRC, clockRate: OpusEncoder.sampleRate)
        rtcpTimer = RTCPIntervalTimer(sessionBandwidthKbps: Self.sessionBandwidthKbps(configuration.quality),
                                      seed: random.next())
        statsStore = MediaSenderStats(quality: configuration.quality)
    }

    static func sessionBandwidthKbps(_ quality: QualityPreset) -> Int {
        quality.video.bitrateKbps + quality.audioBitrate / 1000
    }

    /// The next event (keyframe requests, target changes), oldest first.
    public func pollEvent() -> MediaEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// Changes the quality live, without renegotiation (PROTOCOL.md §3 `session.quality`):
    /// the next frame is encoded at the new target.
    public func setQuality(_ newQuality: QualityPreset, now: Instant) {
        guard newQuality != quality else { return }
        quality = newQuality
        statsStore.quality = newQuality
        rtcpTimer.sessionBandwidthKbps = Self.sessionBandwidthKbps(newQuality)
        if let opusEncoder { try? opusEncoder.setBitrate(newQuality.audioBitrate) }
        var target = newQuality.video
        if newQuality == .auto, let estimate = statsStore.remoteEstimateBitsPerSecond {
            target = autoTarget(estimate: estimate, now: now, current: target)
        }
        retarget(target)
    }

    /// Records a new target and tells the owner; the encoder picks it up on the next frame.
    func retarget(_ target: VideoTarget) {
        guard target != videoTarget else { return }
        videoTarget = target
        events.append(.videoTargetChanged(target))
    }

    /// The extension elements every packet of a stream carries (RFC 8285), given the ids negotiated.
    func commonExtensions(_ stream: NegotiatedStream, now: Instant) -> RTPHeaderExtensions {
        var extensions = RTPHeaderExtensions()
        if let id = stream.extensionIDs[MidExtension.uri] {
            // RFC 8843 §9.2: the mid lets a BUNDLE receiver map the SSRC to its m= section.
            extensions.set(MidExtension(mid: stream.mid), id: id)
        }
        if let id = stream.extensionIDs[AbsSendTime.uri] {
            // Only differences of abs-send-time matter to the receiver's estimator, so the
            // monotonic clock stands in for the wall clock (6.18 seconds, wrapping every 64 s).
            extensions.set(AbsSendTime(ntp: NTPTimestamp(secondsSince1900: Double(now.nanoseconds) / 1e9)), id: id)
        }
        return extensions
    }

    /// Counts a media packet handed to the transport.
    func countSent(_ packet: RTPPacket, now: Instant) {
        statsStore.packetsSent += 1
        statsStore.bytesSent += packet.payload.count
        sentRate.add(bytes: packet.payload.count, at: now)
        rtcpTimer.start(now: now)
    }
}
