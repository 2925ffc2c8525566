/// What a receiver tracks about one incoming SSRC to fill its reception report
/// block: RFC 3550 Appendix A.1 (sequence validation), A.3 (loss) and A.8 (jitter).
public struct ReceiverStatistics: Sendable {
    public let ssrc: UInt32
    /// RTP clock rate of the stream (90 000 for video, 48 000 for Opus), for jitter.
    public let clockRate: Int

    /// A.1: a jump of this many or more is treated as a restart unless it repeats.
    static let maxDropout: UInt16 = 3000
    /// A.1: a packet this far behind the highest is late/duplicate, not a jump.
    static let maxMisorder: UInt16 = 100

    private var started = false
    private var maxSequence: UInt16 = 0
    private var cycles: UInt32 = 0
    private var baseSequence: UInt32 = 0
    /// A.1: the sequence number that would confirm a restart after a large jump.
    private var badSequence: UInt32 = 0x1_0000 + 1
    public private(set) var packetsReceived: UInt64 = 0
    private var expectedPrior: Int64 = 0
    private var receivedPrior: UInt64 = 0
    private var lastTransit: Int64?
    /// A.8: the jitter estimate, in timestamp units, kept unscaled as a Double.
    public private(set) var jitter: Double = 0
    private var lastSenderReport: UInt32 = 0
    private var lastSenderReportArrival: Instant?

    public init(ssrc: UInt32, clockRate: Int) {
        self.ssrc = ssrc
        self.clockRate = clockRate
    }

    /// Cycles in the upper 16 bits, highest sequence number seen in the lower.
    public var extendedHighestSequenceNumber: UInt32 { cycles | UInt32(maxSequence) }

    /// A.3: packets expected so far, from the first sequence number to the highest.
    public var packetsExpected: Int64 {
        started ? Int64(extendedHighestSequenceNumber) - Int64(baseSequence) + 1 : 0
    }

    /// A.3: expected minus received; duplicates can make it negative.
    public var cumulativeLost: Int64 { packetsExpected - Int64(packetsReceived) }

    /// Records one received packet at its arrival on the caller's clock.
    /// Returns `false` when A.1 set it aside as a suspected restart jump.
    /// A retransmission counts as received but stays out of the jitter (`isRetransmission`):
    /// it left the sender a round trip after its timestamp, which is recovery, not jitter.
    @discardableResult
    public mutating func record(sequenceNumber: UInt16, rtpTimestamp: UInt32, arrival: Instant, isRetransmission: Bool = false) -> Bool {
        guard started else {
            restart(at: sequenceNumber)
            started = true
            count(rtpTimestamp: rtpTimestamp, arrival: arrival, jitter: !isRetransmission)
            return true
        }
        let delta = sequenceNumber &- maxSequence
        if delta < Self.maxDropout {
            // In order, possibly with a gap; a smaller number means the counter wrapped.
            if sequenceNumber < maxSequence { cycles &+= 0x1_0000 }
            maxSequence = sequenceNumber
        } else if delta <= UInt16.max - Self.maxMisorder {
            // A very large jump: accept it only when the next packet follows it (the source restarted).
            if UInt32(sequenceNumber) == badSequence {
                restart(at: sequenceNumber)
            } else {
                badSequence = (UInt32(sequenceNumber) + 1) & 0xFFFF
                return false
            }
        }
        // Otherwise a duplicate or reordered packet: counted, highest unchanged.
        count(rtpTimestamp: rtpTimestamp, arrival: arrival, jitter: !isRetransmission)
        return true
    }

    /// Remembers an SR from this source so the next report can echo LSR and DLSR.
    public mutating func senderReportReceived(ntpTime: NTPTimestamp, at arrival: Instant) {
        lastSenderReport = ntpTime.middle32
        lastSenderReportArrival = arrival
    }

    /// The report block for this source at `now`; it starts a new loss interval (A.3).
    public mutating func makeReport(now: Instant) -> ReceptionReport {
        let expected = packetsExpected
        let expectedInterval = expected - expectedPrior
        let receivedInterval = Int64(packetsReceived) - Int64(receivedPrior)
        expectedPrior = expected
        receivedPrior = packetsReceived
        let lostInterval = expectedInterval - receivedInterval
        let fraction: UInt8 =
            if expectedInterval == 0 || lostInterval <= 0 { 0 } else { UInt8(min(255, (lostInterval << 8) / expectedInterval)) }
        var delay: UInt32 = 0
        if let lastSenderReportArrival {
            let held = max(0, (now - lastSenderReportArrival).totalNanoseconds)
            delay = UInt32(truncatingIfNeeded: held * 65_536 / 1_000_000_000)
        }
        return ReceptionReport(
            ssrc: ssrc, fractionLost: fraction,
            cumulativeLost: Int32(min(max(cumulativeLost, -0x80_0000), 0x7F_FFFF)),
            extendedHighestSequenceNumber: extendedHighestSequenceNumber,
            jitter: UInt32(min(jitter, Double(UInt32.max))),
            lastSenderReport: lastSenderReport, delaySinceLastSenderReport: delay)
    }

    private mutating func restart(at sequenceNumber: UInt16) {
        maxSequence = sequenceNumber
        cycles = 0
        baseSequence = UInt32(sequenceNumber)
        badSequence = 0x1_0000 + 1
        packetsReceived = 0
        expectedPrior = 0
        receivedPrior = 0
    }

    private mutating func count(rtpTimestamp: UInt32, arrival: Instant, jitter updatesJitter: Bool) {
        packetsReceived += 1
        guard updatesJitter else { return }
        // A.8: transit = arrival in RTP units - RTP timestamp; J += (|D| - J) / 16.
        // Only differences matter, so the 32-bit timestamp's wrap is folded away below.
        let arrivalUnits = arrival.nanoseconds / 1000 * Int64(clockRate) / 1_000_000
        let transit = arrivalUnits &- Int64(rtpTimestamp)
        if let lastTransit {
            let difference = Int64(Int32(truncatingIfNeeded: transit &- lastTransit))
            jitter += (Double(abs(difference)) - jitter) / 16
        }
        lastTransit = transit
    }
}
