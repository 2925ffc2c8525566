/// The viewer side of a session's media, sans-IO: RTP in → jitter buffer → VP8/Opus
/// decode → events (pictures, PCM with levels); NACK, PLI/FIR, REMB and receiver reports
/// out from `poll`; stats in the PROTOCOL.md shape. `now` is the caller's monotonic clock,
/// `wallClock` its NTP wall clock at the same instant (for LSR/DLSR echo and latency).
///
/// ```swift
/// let receiver = try MediaReceiver(configuration: .init(cname: c, seed: s), negotiated: peer.negotiated!)
/// receiver.handle(rtp: packet, kind: kind, now: now, wallClock: wall)      // from .rtpReceived
/// receiver.handle(rtcp: packets, now: now, wallClock: wall)                // from .rtcpReceived
/// if let feedback = receiver.poll(now: now, wallClock: wall) { try peer.sendRTCP(feedback, now: now) }
/// while let event = receiver.pollEvent() { show(event) }
/// ```
///
/// Not `Sendable`: one owner drives it.
public final class MediaReceiver {
    public let configuration: MediaReceiverConfiguration
    let video: NegotiatedStream?
    let audio: NegotiatedStream?
    /// The selected pair's RTT from ICE (RFC 7675 consent checks); the runtime sets it from
    /// `RTCPeer.roundTripTime`. Used when no RTCP report gives one.
    public var iceRoundTripTime: Duration?

    // Video.
    var videoSSRC: UInt32?
    var lastVideoPacketAt: Instant?
    var videoCounts: ReceiverStatistics?
    var jitterBuffer: VP8JitterBuffer
    let decoder: VP8Decoder?
    var decoderNeedsKeyframe = false
    var lastDecoderPLI: Instant?
    var frameArrivals: [UInt32: Instant] = [:]
    var videoCapture = CaptureTimeTracker(clockRate: 90_000)
    var decodedRate = RateWindow()
    var plisSinceKeyframe = 0
    var firSequence: UInt8 = 0

    // Audio.
    var audioSSRC: UInt32?
    var lastAudioPacketAt: Instant?
    var audioCounts: ReceiverStatistics?
    var audioBuffer: AudioPlayoutBuffer
    let opusDecoder: OpusDecoder?
    var levelMeter = AudioLevelMeter()
    var audioCapture = CaptureTimeTracker(clockRate: OpusEncoder.sampleRate)
    /// Mean squares of the last second's 20 ms windows and when each was decoded, for `audioLevelDb`.
    var recentPower: [(at: Instant, power: Double)] = []

    // Feedback and reports.
    var rtcpTimer: RTCPIntervalTimer
    var estimator = ReceiveBandwidthEstimator()
    var lastREMB: (at: Instant, bitsPerSecond: Double)?
    var lastLossRatio: Double?
    var lossWindowStart: (at: Instant, expected: Int64, received: Int64)?
    var remoteClock = RemoteClockOffset()
    var reportRoundTripTime: Duration?
    var receivedRate = RateWindow()
    var statsStore = MediaStats()
    var lastLatency: (value: Duration, estimated: Bool)?
    var events: [MediaEvent] = []
    /// Packets dropped before reaching a buffer, by reason (unknown payload type, bad RTX, ...).
    public internal(set) var dropCounts: [String: Int] = [:]

    /// Uses the negotiated streams our side receives.
    public init(configuration: MediaReceiverConfiguration, negotiated: NegotiatedMedia) throws(MediaSessionError) {
        self.configuration = configuration
        video = negotiated.video.flatMap { $0.localDirection.receives ? $0 : nil }
        audio = negotiated.audio.flatMap { $0.localDirection.receives ? $0 : nil }
        guard video != nil || audio != nil else { throw .invalidInput("nothing negotiated to receive") }
        do {
            decoder = video == nil ? nil : try VP8Decoder()
            // Mono: the level and the monitor need one channel; libopus downmixes stereo streams.
            opusDecoder = audio == nil ? nil : try OpusDecoder(channels: 1)
        } catch {
            throw .codec(error)
        }
        jitterBuffer = VP8JitterBuffer(configuration: configuration.jitterBuffer)
        audioBuffer = AudioPlayoutBuffer(delay: configuration.audioPlayoutDelay)
        rtcpTimer = RTCPIntervalTimer(sessionBandwidthKbps: configuration.sessionBandwidthKbps, seed: configuration.seed)
    }

    /// The next decoded picture or audio block, oldest first.
    public func pollEvent() -> MediaEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// One RTP packet as `RTCPeer` delivered it (`.rtpReceived(packet, kind)`).
    public func handle(rtp packet: RTPPacket, kind: MediaKind, now: Instant, wallClock: NTPTimestamp) {
        switch kind {
        case .video: receiveVideo(packet, now: now, wallClock: wallClock)
        case .audio: receiveAudio(packet, now: now, wallClock: wallClock)
        }
    }

    /// RTCP from the sender: SRs feed LSR/DLSR and the clock offset; report blocks about
    /// our SSRC (a sender that also receives) give RTT.
    public func handle(rtcp packets: [RTCPPacket], now: Instant, wallClock: NTPTimestamp) {
        for packet in packets {
            guard case .senderReport(let report) = packet else {
                if case .receiverReport(let report) = packet { absorbRoundTrip(report.reports, wallClock: wallClock) }
                continue
            }
            if report.ssrc == videoSSRC { videoCounts?.senderReportReceived(ntpTime: report.ntpTime, at: now) }
            if report.ssrc == audioSSRC { audioCounts?.senderReportReceived(ntpTime: report.ntpTime, at: now) }
            if report.ssrc == videoSSRC || report.ssrc == audioSSRC, let rtt = roundTripTime {
                remoteClock.record(arrival: wallClock, senderTime: report.ntpTime, roundTripTime: rtt)
            }
            absorbRoundTrip(report.reports, wallClock: wallClock)
        }
    }

    func absorbRoundTrip(_ reports: [ReceptionReport], wallClock: NTPTimestamp) {
        for block in reports where block.ssrc == configuration.localSSRC {
            if let rtt = RoundTripTime.compute(report: block, arrival: wallClock) { reportRoundTripTime = rtt }
        }
    }

    /// Seconds to take off a latency measured against the sender's capture clock. The SR-based
    /// offset is only trusted when it exceeds what path asymmetry and jitter could fake
    /// (max(25 ms, RTT)): clocks synchronised by NTP are better left alone than "corrected" by noise.
    var senderClockCorrection: Double {
        guard let offset = remoteClock.seconds else { return 0 }
        let noise = max(0.025, Double((roundTripTime ?? .zero).totalNanoseconds) / 1e9)
        return abs(offset) > noise ? offset : 0
    }

    /// RTCP's RTT when the sender reports on us, otherwise ICE's.
    public var roundTripTime: Duration? { reportRoundTripTime ?? iceRoundTripTime }

    func drop(_ reason: String) { dropCounts[reason, default: 0] += 1 }

    /// Counts a media packet for the rates and totals.
    func countReceived(_ packet: RTPPacket, now: Instant) {
        statsStore.packetsReceived += 1
        statsStore.bytesReceived += packet.payload.count
        receivedRate.add(bytes: packet.payload.count, at: now)
        rtcpTimer.start(now: now)
    }
}
