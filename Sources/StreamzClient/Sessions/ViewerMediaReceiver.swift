import Foundation
import StreamzProtocol
import StreamzRTC

/// The media of one viewer session: feeds the sans-IO `MediaReceiver` (jitter buffer, VP8/Opus
/// decoding, NACK/PLI/REMB/receiver reports) with the runtime's packets and the real clocks,
/// and turns what it decodes into `ViewerSessionEvent` material. Owned by one `ViewerSession`.
final class ViewerMediaReceiver {
    struct Output {
        var frames: [ViewerVideoFrame] = []
        var levels: [AudioLevel] = []
        /// RTCP to send (feedback and receiver reports).
        var feedback: [RTCPPacket] = []
    }

    private let receiver: MediaReceiver
    private let type: SessionType
    private let requestedAt: ContinuousClock.Instant
    private var timeToFirstFrameMs: Double?
    private var audioFramesDecoded = 0
    /// Latencies read from the picture's capture-time code over the last second.
    private var measured: [(at: Instant, milliseconds: Double)] = []

    init(negotiated: NegotiatedMedia, type: SessionType, requestedAt: ContinuousClock.Instant) throws {
        var random = SystemRandomNumberGenerator()
        let configuration = MediaReceiverConfiguration(
            cname: String(format: "%016llx", random.next()), seed: random.next(),
            decodeClock: { MonotonicClock.now() })
        receiver = try MediaReceiver(configuration: configuration, negotiated: negotiated)
        self.type = type
        self.requestedAt = requestedAt
    }

    func receive(_ packet: RTPPacket, kind: MediaKind, at now: Instant) -> Output {
        receiver.handle(rtp: packet, kind: kind, now: now, wallClock: Self.wallClock())
        return drain(now: now)
    }

    func receive(_ packets: [RTCPPacket], at now: Instant) {
        receiver.handle(rtcp: packets, now: now, wallClock: Self.wallClock())
    }

    /// Runs the receiver's timers: NACK retries, PLI, REMB and receiver reports that are due.
    func poll(at now: Instant) -> Output {
        var output = drain(now: now)
        if let feedback = receiver.poll(now: now, wallClock: Self.wallClock()) { output.feedback = feedback }
        return output
    }

    /// The viewer's last receiver report, SDES and BYE (RFC 3550 §6.6), for a viewer-initiated end.
    func goodbye(at now: Instant, reason: String) -> [RTCPPacket] {
        receiver.goodbye(now: now, reason: reason)
    }

    /// ICE's RTT of the selected pair, used until RTCP gives one.
    func setICERoundTripTime(_ rtt: Duration?) {
        receiver.iceRoundTripTime = rtt
    }

    func stats(at now: Instant) -> ViewerStats {
        let media = receiver.stats(now: now)
        var report = SessionStats(media)
        measured.removeAll { now - $0.at > .seconds(1) }
        if !measured.isEmpty {
            // The picture's own capture time beats the header extension: it survived encoding,
            // so it times exactly the frame that was drawn (PROTOCOL.md §3 "Measures").
            report.latencyMs = measured.map(\.milliseconds).reduce(0, +) / Double(measured.count)
            report.latencyEstimated = false
        }
        return ViewerStats(report: report, framesDecoded: media.framesDecoded, audioFramesDecoded: audioFramesDecoded,
                           nacksSent: media.nacksSent, plisSent: media.plisSent + media.firsSent,
                           timeToFirstFrameMs: timeToFirstFrameMs)
    }

    private func drain(now: Instant) -> Output {
        var output = Output()
        while let event = receiver.pollEvent() {
            switch event {
            case .videoFrame(let decoded):
                var frame = ViewerVideoFrame(frame: decoded.frame, latencyMs: decoded.latency.map(Self.milliseconds),
                                             latencyEstimated: decoded.latencyEstimated)
                if let captured = CaptureTimeCode.read(from: decoded.frame) {
                    let latency = Double(Self.unixMilliseconds()) - Double(captured)
                    // A code from another clock (a skewed sender) would give nonsense; only
                    // plausible values count as measured.
                    if (0..<10_000).contains(latency) {
                        frame.latencyMs = latency
                        frame.latencyEstimated = false
                        measured.append((now, latency))
                    }
                }
                firstFrame(video: true)
                output.frames.append(frame)
            case .audio(let audio):
                audioFramesDecoded += 1
                firstFrame(video: false)
                output.levels += audio.levels
            default:
                break
            }
        }
        return output
    }

    /// PROTOCOL.md §5: from `session.start` to the first decoded video frame, or the first
    /// decoded audio in an audio session.
    private func firstFrame(video: Bool) {
        guard timeToFirstFrameMs == nil, video == type.wantsVideo else { return }
        timeToFirstFrameMs = Self.milliseconds(ContinuousClock.now - requestedAt)
    }

    static func wallClock() -> NTPTimestamp { NTPTimestamp(unixSeconds: Date().timeIntervalSince1970) }

    static func unixMilliseconds() -> UInt64 { UInt64(Date().timeIntervalSince1970 * 1000) }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
