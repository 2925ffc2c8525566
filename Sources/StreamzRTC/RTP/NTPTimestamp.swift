/// A 64-bit NTP timestamp: seconds since 1900-01-01 in the upper 32 bits,
/// the binary fraction in the lower 32 (RFC 3550 §4).
///
/// It is wall-clock time, which StreamzRTC never reads: the caller converts its
/// clock with `init(unixSeconds:)`; RTCP sender reports, round-trip times and the
/// abs-send-time / abs-capture-time extensions are computed from it.
public struct NTPTimestamp: Hashable, Comparable, Sendable {
    public var rawValue: UInt64

    /// Seconds between the NTP epoch (1900) and the Unix epoch (1970).
    public static let unixEpochOffset: UInt64 = 2_208_988_800

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init(seconds: UInt32, fraction: UInt32) {
        rawValue = UInt64(seconds) << 32 | UInt64(fraction)
    }

    /// From seconds since the Unix epoch (negative or far-future values clamp to the NTP range).
    public init(unixSeconds: Double) {
        self.init(secondsSince1900: unixSeconds + Double(Self.unixEpochOffset))
    }

    public init(secondsSince1900: Double) {
        let clamped = min(max(secondsSince1900, 0), Double(UInt32.max) + 0.999_999_999)
        let whole = clamped.rounded(.down)
        let fraction = ((clamped - whole) * 4_294_967_296).rounded(.down)
        rawValue = UInt64(whole) << 32 | UInt64(min(fraction, 4_294_967_295))
    }

    public var seconds: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 32) }
    public var fraction: UInt32 { UInt32(truncatingIfNeeded: rawValue) }

    public var secondsSince1900: Double {
        Double(seconds) + Double(fraction) / 4_294_967_296
    }

    public var unixSeconds: Double { secondsSince1900 - Double(Self.unixEpochOffset) }

    /// RFC 3550 §6.4.1: the middle 32 bits (16.16 fixed point), as carried in LSR.
    public var middle32: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 16) }

    public static func < (lhs: NTPTimestamp, rhs: NTPTimestamp) -> Bool { lhs.rawValue < rhs.rawValue }

    /// This instant moved by a duration (wall clock advancing with the caller's monotonic one).
    public static func + (lhs: NTPTimestamp, rhs: Duration) -> NTPTimestamp {
        let nanoseconds = rhs.totalNanoseconds
        // 2^32 / 10^9 units of fraction per nanosecond.
        let delta = Int64((Double(nanoseconds) * 4.294967296).rounded())
        return NTPTimestamp(rawValue: UInt64(bitPattern: Int64(bitPattern: lhs.rawValue) &+ delta))
    }
}
