/// When to send the next regular RTCP compound (SR/RR + SDES): RFC 3550 §6.3.1 and
/// Appendix A.7, with the reduced minimum of §6.2 (360 s divided by the session
/// bandwidth in kbit/s, capped at the classic 5 s) and half of it before the first report.
/// Feedback (NACK, PLI, FIR, REMB) does not wait for this timer: with two parties RFC 4585
/// §3.5.2 allows immediate feedback.
struct RTCPIntervalTimer: Sendable {
    /// Session bandwidth in kbit/s: what the media streams use together (§6.2).
    var sessionBandwidthKbps: Int
    /// A.7: the average compound size in octets, updated with each one sent (1/16 gain).
    private(set) var averagePacketSize: Double = 128
    private var random: SeededRandom
    private var initial = true
    private(set) var nextReport: Instant?

    init(sessionBandwidthKbps: Int, seed: UInt64) {
        self.sessionBandwidthKbps = max(1, sessionBandwidthKbps)
        random = SeededRandom(seed: seed)
    }

    /// Schedules the first report from `now` (half the minimum interval, §6.2).
    mutating func start(now: Instant) {
        guard nextReport == nil else { return }
        nextReport = now + interval()
    }

    func isDue(now: Instant) -> Bool { nextReport.map { $0 <= now } ?? false }

    /// Records a compound of `size` octets sent at `now` and schedules the next.
    mutating func sent(size: Int, now: Instant) {
        // A.7: avg_rtcp_size = (1/16) * packet_size + (15/16) * avg_rtcp_size (UDP and IP headers included).
        averagePacketSize += (Double(size + 28) - averagePacketSize) / 16
        initial = false
        nextReport = now + interval()
    }

    /// A.7 `rtcp_interval` for a Streamz session: two members, one of which sends. The
    /// sender (1 of 2) is more than a quarter of the members, so A.7 lets both share the
    /// whole RTCP bandwidth and the sender/receiver split does not apply.
    mutating func interval() -> Duration {
        let minimum = min(5.0, 360.0 / Double(sessionBandwidthKbps)) / (initial ? 2 : 1)
        // §6.2: RTCP gets 5 % of the session bandwidth, a quarter of that for senders.
        let rtcpBytesPerSecond = Double(sessionBandwidthKbps) * 1000 / 8 * 0.05
        let members = 2.0
        let deterministic = max(members * averagePacketSize / rtcpBytesPerSecond, minimum)
        // §6.3.1: randomise over [0.5, 1.5] and divide by e - 3/2 to compensate for timer reconsideration.
        let factor = Double.random(in: 0.5...1.5, using: &random) / 1.21828
        return .nanoseconds(Int64(deterministic * factor * 1e9))
    }
}
