/// Counts events and bytes over a sliding window (one second by default) for the
/// bitrate and frame-rate figures of the stats. Samples older than the window are
/// dropped as new ones arrive or the rate is read.
struct RateWindow: Sendable {
    let window: Duration
    private var samples: [(at: Instant, bytes: Int)] = []
    private var head = 0

    init(window: Duration = .seconds(1)) { self.window = window }

    mutating func add(bytes: Int = 0, at now: Instant) {
        samples.append((now, bytes))
        trim(now: now)
    }

    /// Events in the window ending at `now`.
    func count(now: Instant) -> Int { live(now: now).count }

    /// Bits per second over the window ending at `now`.
    func bitsPerSecond(now: Instant) -> Double {
        let bytes = live(now: now).reduce(0) { $0 + $1.bytes }
        return Double(bytes * 8) / (Double(window.totalNanoseconds) / 1e9)
    }

    /// Events per second over the window ending at `now`.
    func perSecond(now: Instant) -> Double {
        Double(count(now: now)) / (Double(window.totalNanoseconds) / 1e9)
    }

    private func live(now: Instant) -> ArraySlice<(at: Instant, bytes: Int)> {
        let start = now - window
        return samples[head...].drop { $0.at <= start }
    }

    private mutating func trim(now: Instant) {
        let start = now - window
        while head < samples.count, samples[head].at <= start { head += 1 }
        // Compact once the consumed prefix dominates, so appends stay amortised O(1).
        if head > 256, head * 2 > samples.count {
            samples.removeFirst(head)
            head = 0
        }
    }
}
