/// A point on the caller's monotonic clock.
///
/// StreamzRTC never reads a clock: every input carries the time it happened
/// and every timeout is returned as an `Instant` (str0m's sans-IO design).
/// The runtime maps its real clock onto this; tests drive a virtual one.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an origin the caller chooses (only differences matter).
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = Instant(nanoseconds: 0)

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        Instant(nanoseconds: lhs.nanoseconds + rhs.totalNanoseconds)
    }

    public static func - (lhs: Instant, rhs: Duration) -> Instant {
        Instant(nanoseconds: lhs.nanoseconds - rhs.totalNanoseconds)
    }

    public static func - (lhs: Instant, rhs: Instant) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    public var description: String {
        "\(Double(nanoseconds) / 1_000_000)ms"
    }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating far beyond any timer we set).
    public var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in milliseconds as a floating-point number, for statistics.
    public var milliseconds: Double {
        Double(totalNanoseconds) / 1_000_000
    }
}
