#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The receive-side bandwidth estimate sent back as REMB (draft-alvestrand-rmcat-remb),
/// after the shape of libwebrtc's remote estimator (draft-ietf-rmcat-gcc §5): packets
/// are grouped by send time (5 ms bursts), the one-way delay variation between groups is
/// accumulated and smoothed, and the slope of that queueing-delay trend over the last
/// groups says whether the path is over-used. An AIMD controller then moves the estimate:
/// up by 8 %/s while normal (at most 1.5x what arrives), down to 85 % of the incoming rate
/// on over-use, and down with heavy loss (> 10 %) as in GCC's loss-based controller.
struct ReceiveBandwidthEstimator: Sendable {
    enum Signal: Equatable, Sendable { case normal, overusing, underusing }

    /// Bits per second; nil until a second of media has arrived.
    private(set) var estimate: Double?
    private(set) var signal = Signal.normal
    private var incoming = RateWindow()
    private var firstArrival: Instant?
    private var lastUpdate: Instant?
    private var lastDecrease: Instant?

    // Delay-gradient state.
    private var sendUnwrapped: Double?
    private var lastRawSend: Double?
    private var group: (send: Double, arrival: Instant)?
    private var previousGroup: (send: Double, arrival: Instant)?
    private var accumulatedDelay = 0.0
    private var smoothedDelay = 0.0
    private var trend: [(x: Double, y: Double)] = []
    private var deltas = 0
    private var overuseStreak = 0
    /// gcc §5.4: the threshold adapts to the delay noise of the path, so plain jitter is not congestion.
    private(set) var threshold = 12.5
    private var lastThresholdUpdate: Instant?

    static let groupSpan = 0.005
    static let trendWindow = 20
    static let minimumBitsPerSecond = 30_000.0

    /// Counts one packet; `sendTime` is seconds on the sender's clock (abs-send-time, wrapping
    /// at 64 s, or the RTP timestamp over the clock rate), nil for packets that must not
    /// feed the delay signal (retransmissions).
    mutating func packetArrived(size: Int, sendTime: Double?, wrapsAt: Double = 64, now: Instant) {
        firstArrival = firstArrival ?? now
        incoming.add(bytes: size, at: now)
        guard let sendTime else { return }
        let send = unwrap(sendTime, wrapsAt: wrapsAt)
        guard let current = group else {
            group = (send, now)
            return
        }
        if send < current.send {
            return  // reordered: belongs to a finished group
        }
        if send - current.send <= Self.groupSpan {
            group = (current.send, max(current.arrival, now))
            return
        }
        if let previous = previousGroup { addDelta(previous: previous, current: current) }
        previousGroup = current
        group = (send, now)
    }

    /// Runs the rate controller at `now` with the loss fraction of the last report interval.
    mutating func update(now: Instant, lossRatio: Double?) {
        let incomingRate = incoming.bitsPerSecond(now: now)
        guard let firstArrival, now - firstArrival >= .seconds(1) else { return }
        let elapsed = lastUpdate.map { Double((now - $0).totalNanoseconds) / 1e9 } ?? 0
        lastUpdate = now
        // Start above what arrives: the sender may be limited by its preset, not the path.
        var value = estimate ?? max(Self.minimumBitsPerSecond, incomingRate * 1.5)
        switch signal {
        case .overusing:
            if lastDecrease.map({ now - $0 >= .milliseconds(200) }) ?? true {
                value = min(value, 0.85 * incomingRate)
                lastDecrease = now
            }
        case .normal:
            value = min(value * pow(1.08, min(elapsed, 2)), 1.5 * incomingRate + 10_000)
        case .underusing:
            break  // queues are draining: hold until they are empty
        }
        if let lossRatio, lossRatio > 0.1 {
            value = min(value, incomingRate * (1 - 0.5 * lossRatio))
        }
        estimate = max(Self.minimumBitsPerSecond, value)
    }

    private mutating func unwrap(_ raw: Double, wrapsAt: Double) -> Double {
        defer { lastRawSend = raw }
        guard let lastRawSend, let sendUnwrapped else {
            self.sendUnwrapped = raw
            return raw
        }
        var delta = raw - lastRawSend
        if delta < -wrapsAt / 2 { delta += wrapsAt }
        if delta > wrapsAt / 2 { delta -= wrapsAt }
        let value = sendUnwrapped + delta
        // Keep the reference moving forward only, like the sequence unwrapper.
        if delta > 0 { self.sendUnwrapped = value }
        return value
    }

    /// gcc §5.3-5.4: the delay variation between two groups feeds the trendline.
    private mutating func addDelta(previous: (send: Double, arrival: Instant), current: (send: Double, arrival: Instant)) {
        let sendDelta = (current.send - previous.send) * 1000
        let arrivalDelta = Double((current.arrival - previous.arrival).totalNanoseconds) / 1e6
        accumulatedDelay += arrivalDelta - sendDelta
        smoothedDelay = 0.9 * smoothedDelay + 0.1 * accumulatedDelay
        let x = Double(current.arrival.nanoseconds) / 1e6
        trend.append((x, smoothedDelay))
        if trend.count > Self.trendWindow { trend.removeFirst() }
        guard trend.count >= 5 else { return }
        deltas += 1
        let slope = Self.slope(trend)
        // libwebrtc's trendline: the slope scaled by the number of deltas seen (capped at 60) and a gain of 4.
        let modified = Double(min(deltas, 60)) * slope * 4
        adaptThreshold(modified, now: current.arrival)
        if modified > threshold {
            overuseStreak += 1
            // Two groups in a row: one delayed burst is not congestion.
            if overuseStreak >= 2 { signal = .overusing }
        } else {
            overuseStreak = 0
            signal = modified < -threshold ? .underusing : .normal
        }
    }

    /// gcc §5.4 (with libwebrtc's constants): γ moves towards |m| at k_up = 0.0087 per ms when above it and k_down = 0.039 when
    /// below, within [6, 600]; a sudden spike (more than 15 over γ) does not move it.
    private mutating func adaptThreshold(_ modified: Double, now: Instant) {
        defer { lastThresholdUpdate = now }
        guard let last = lastThresholdUpdate, abs(modified) <= threshold + 15 else { return }
        let elapsed = min(100, Double((now - last).totalNanoseconds) / 1e6)
        let gain = abs(modified) < threshold ? 0.039 : 0.0087
        threshold = min(600, max(6, threshold + gain * elapsed * (abs(modified) - threshold)))
    }

    /// Least-squares slope of y over x.
    static func slope(_ points: [(x: Double, y: Double)]) -> Double {
        let count = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / count
        let meanY = points.reduce(0) { $0 + $1.y } / count
        var numerator = 0.0
        var denominator = 0.0
        for point in points {
            numerator += (point.x - meanX) * (point.y - meanY)
            denominator += (point.x - meanX) * (point.x - meanX)
        }
        return denominator == 0 ? 0 : numerator / denominator
    }
}
