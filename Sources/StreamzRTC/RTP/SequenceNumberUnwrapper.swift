/// Turns wrapping RTP counters (16-bit sequence numbers, 32-bit timestamps)
/// into 64-bit values that never wrap.
///
/// Each new value is placed at the distance from the previous one that is
/// shortest modulo 2^bits (RFC 3550 Appendix A.1 uses the same half-range rule),
/// so reordered packets unwrap to earlier values and a wrap to 0 continues upward.
public struct WrappingCounterUnwrapper<Counter: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    private var last: Int64?

    public init() {}

    /// The unwrapped value of `counter`; the first one maps to itself.
    public mutating func unwrap(_ counter: Counter) -> Int64 {
        guard let last else {
            let value = Int64(counter)
            self.last = value
            return value
        }
        let forward = counter &- Counter(truncatingIfNeeded: last)
        // Read the modular difference as signed: the upper half of the range is a step back.
        let delta = forward >> (Counter.bitWidth - 1) == 0
            ? Int64(forward) : Int64(forward) - (Int64(1) << Counter.bitWidth)
        let value = last + delta
        // Only move forward, so a late packet does not drag the reference back.
        if delta > 0 { self.last = value }
        return value
    }
}

/// 16-bit RTP sequence numbers (RFC 3550 §5.1).
public typealias SequenceNumberUnwrapper = WrappingCounterUnwrapper<UInt16>

/// 32-bit RTP timestamps (RFC 3550 §5.1).
public typealias TimestampUnwrapper = WrappingCounterUnwrapper<UInt32>
