/// When to try again after a lost connection (PROTOCOL.md §3 "Errors and
/// closing"): exponential backoff from 0.5 s, doubling up to 30 s, with
/// jitter so that many clients cut off by one server restart do not all
/// come back in the same instant.
///
/// "Equal jitter": attempt n waits a uniform time in [cap/2, cap] where
/// cap = min(maximum, initial * 2^n). Half of the delay is certain, so a
/// client never hammers the server; half is random, so clients spread out.
/// Pure: the random unit value comes in as a parameter.
public struct BackoffPolicy: Equatable, Sendable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(30), multiplier: Double = 2) {
        precondition(initial > .zero && maximum >= initial && multiplier >= 1, "BackoffPolicy needs 0 < initial <= maximum and multiplier >= 1")
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The upper bound of attempt `attempt` (0 for the first retry): `initial * multiplier^attempt`, at most `maximum`.
    public func ceiling(attempt: Int) -> Duration {
        let initialSeconds = Self.seconds(initial)
        let maximumSeconds = Self.seconds(maximum)
        var value = initialSeconds
        // Multiplying step by step stops at the cap, so a huge attempt
        // number never overflows into infinity.
        for _ in 0..<max(0, attempt) {
            value *= multiplier
            if value >= maximumSeconds { return maximum }
        }
        return .seconds(min(value, maximumSeconds))
    }

    /// The delay before retry `attempt`, for a unit value `unit` in [0, 1]
    /// (clamped): `ceiling/2 + unit * ceiling/2`.
    public func delay(attempt: Int, unit: Double) -> Duration {
        let ceilingSeconds = Self.seconds(ceiling(attempt: attempt))
        let u = unit.isNaN ? 0 : min(1, max(0, unit))
        return .seconds(ceilingSeconds / 2 + u * ceilingSeconds / 2)
    }

    /// The delay before retry `attempt`, drawing the jitter from `generator`.
    public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        delay(attempt: attempt, unit: Double.random(in: 0...1, using: &generator))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
