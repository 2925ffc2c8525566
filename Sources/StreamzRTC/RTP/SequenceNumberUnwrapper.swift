/// Turns 16-bit RTP sequence numbers into a 64-bit count that never wraps.
///
/// Each new value is placed at the distance from the previous one that is
/// shortest modulo 2^16 (RFC 3550 Appendix A.1 uses the same half-range rule),
/// so reordered packets unwrap to earlier values and a wrap to 0 continues upward.
public struct SequenceNumberUnwrapper: Sendable {
    private var last: Int64?

    public init() {}

    /// The unwrapped value of `sequenceNumber`; the first one maps to itself.
    public mutating func unwrap(_ sequenceNumber: UInt16) -> Int64 {
        guard let last else {
            let value = Int64(sequenceNumber)
            self.last = value
            return value
        }
        let delta = Int64(Int16(bitPattern: sequenceNumber &- UInt16(truncatingIfNeeded: last)))
        let value = last + delta
        // Only move forward, so a late packet does not drag the reference back.
        if delta > 0 { self.last = value }
        return value
    }
}

/// The same for 32-bit RTP timestamps (half-range rule on 2^32).
public struct TimestampUnwrapper: Sendable {
    private var last: Int64?

    public init() {}

    public mutating func unwrap(_ timestamp: UInt32) -> Int64 {
        guard let last else {
            let value = Int64(timestamp)
            self.last = value
            return value
        }
        let delta = Int64(Int32(bitPattern: timestamp &- UInt32(truncatingIfNeeded: last)))
        let value = last + delta
        if delta > 0 { self.last = value }
        return value
    }
}
