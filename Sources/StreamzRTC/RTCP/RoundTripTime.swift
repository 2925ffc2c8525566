/// Round-trip time from a reception report (RFC 3550 §6.4.1, figure 2).
///
/// The remote side echoes the middle 32 bits of our last SR's NTP time (LSR)
/// and how long it held it (DLSR, 1/65536 s); with the NTP time `arrival` at which
/// its report reached us, RTT = A - LSR - DLSR, all modulo 2^32 in 16.16 seconds.
public enum RoundTripTime {
    /// `nil` when the report carries no SR echo (LSR 0: no SR received yet).
    /// A slightly negative result (clock granularity) is clamped to zero.
    public static func compute(lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32, arrival: NTPTimestamp) -> Duration? {
        guard lastSenderReport != 0 else { return nil }
        let units = Int32(bitPattern: arrival.middle32 &- lastSenderReport &- delaySinceLastSenderReport)
        guard units > 0 else { return .zero }
        return .nanoseconds(Int64(units) * 1_000_000_000 / 65_536)
    }

    public static func compute(report: ReceptionReport, arrival: NTPTimestamp) -> Duration? {
        compute(lastSenderReport: report.lastSenderReport, delaySinceLastSenderReport: report.delaySinceLastSenderReport, arrival: arrival)
    }
}
