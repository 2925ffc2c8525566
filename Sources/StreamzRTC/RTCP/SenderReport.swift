/// Sender report, PT 200 (RFC 3550 §6.4.1): the sender's wall clock and RTP clock
/// at one instant, its send counts, and reception reports for the sources it hears.
public struct SenderReport: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.senderReport

    public var ssrc: UInt32
    public var ntpTime: NTPTimestamp
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    public var octetCount: UInt32
    public var reports: [ReceptionReport]
    /// Profile-specific extension words after the report blocks, kept as they are.
    public var profileExtensions: [UInt8]

    public init(
        ssrc: UInt32, ntpTime: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32,
        reports: [ReceptionReport] = [], profileExtensions: [UInt8] = []
    ) {
        self.ssrc = ssrc
        self.ntpTime = ntpTime
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reports = reports
        self.profileExtensions = profileExtensions
    }

    public var countField: UInt8 { UInt8(truncatingIfNeeded: reports.count) }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        ssrc = try reader.u32()
        ntpTime = NTPTimestamp(rawValue: try reader.u64())
        rtpTimestamp = try reader.u32()
        packetCount = try reader.u32()
        octetCount = try reader.u32()
        reports = try ReceptionReport.readBlocks(count: count, from: &reader)
        profileExtensions = reader.rest()
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        var writer = MediaByteWriter()
        guard reports.count <= 31 else { throw .unencodable("\(reports.count) report blocks (at most 31)") }
        guard profileExtensions.count % 4 == 0 else { throw .unencodable("profile extensions must be whole words") }
        writer.u32(ssrc)
        writer.u64(ntpTime.rawValue)
        writer.u32(rtpTimestamp)
        writer.u32(packetCount)
        writer.u32(octetCount)
        for report in reports {
            report.write(into: &writer)
        }
        writer.append(profileExtensions)
        return writer.bytes
    }
}
