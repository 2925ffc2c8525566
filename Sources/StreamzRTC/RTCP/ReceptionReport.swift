/// One report block of an SR or RR (RFC 3550 §6.4.1): what a receiver saw of one source.
public struct ReceptionReport: Equatable, Sendable {
    public var ssrc: UInt32
    /// Fraction of packets lost since the previous report, as a fixed point number over 256.
    public var fractionLost: UInt8
    /// Packets expected minus packets received since the start; 24-bit signed (duplicates can make it negative).
    public var cumulativeLost: Int32
    /// Cycles of sequence number wraps in the upper 16 bits, highest sequence number in the lower.
    public var extendedHighestSequenceNumber: UInt32
    /// Interarrival jitter in RTP timestamp units (§6.4.1, A.8).
    public var jitter: UInt32
    /// Middle 32 bits of the NTP time in the last SR from this source; 0 if none yet.
    public var lastSenderReport: UInt32
    /// Delay since that SR was received, in units of 1/65536 s; 0 if none yet.
    public var delaySinceLastSenderReport: UInt32

    public static let size = 24

    public init(
        ssrc: UInt32, fractionLost: UInt8 = 0, cumulativeLost: Int32 = 0, extendedHighestSequenceNumber: UInt32 = 0,
        jitter: UInt32 = 0, lastSenderReport: UInt32 = 0, delaySinceLastSenderReport: UInt32 = 0
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequenceNumber = extendedHighestSequenceNumber
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }

    /// Fraction lost as a number between 0 and 1.
    public var lossRatio: Double { Double(fractionLost) / 256 }

    init(reading reader: inout MediaByteReader<RTCPError>) throws(RTCPError) {
        ssrc = try reader.u32()
        let lossWord = try reader.u32()
        fractionLost = UInt8(lossWord >> 24)
        // Sign-extend the 24-bit cumulative count.
        cumulativeLost = Int32(bitPattern: lossWord << 8) >> 8
        extendedHighestSequenceNumber = try reader.u32()
        jitter = try reader.u32()
        lastSenderReport = try reader.u32()
        delaySinceLastSenderReport = try reader.u32()
    }

    func write(into writer: inout MediaByteWriter) {
        writer.u32(ssrc)
        // Clamp to the 24-bit signed range rather than wrap (RFC 3550 A.3).
        let lost = min(max(cumulativeLost, -0x80_0000), 0x7F_FFFF)
        writer.u32(UInt32(fractionLost) << 24 | (UInt32(bitPattern: lost) & 0xFF_FFFF))
        writer.u32(extendedHighestSequenceNumber)
        writer.u32(jitter)
        writer.u32(lastSenderReport)
        writer.u32(delaySinceLastSenderReport)
    }

    /// Reads `count` blocks, as announced in the header's RC field.
    static func readBlocks(count: UInt8, from reader: inout MediaByteReader<RTCPError>) throws(RTCPError) -> [ReceptionReport] {
        var reports: [ReceptionReport] = []
        for _ in 0..<count {
            reports.append(try ReceptionReport(reading: &reader))
        }
        return reports
    }
}
