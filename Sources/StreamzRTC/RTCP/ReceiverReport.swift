/// Receiver report, PT 201 (RFC 3550 §6.4.2): reception reports from a participant that does not send.
public struct ReceiverReport: RTCPPacketBody, Equatable {
    public static let packetType = RTCPHeader.PacketType.receiverReport

    public var ssrc: UInt32
    public var reports: [ReceptionReport]
    /// Profile-specific extension words after the report blocks, kept as they are.
    public var profileExtensions: [UInt8]

    public init(ssrc: UInt32, reports: [ReceptionReport] = [], profileExtensions: [UInt8] = []) {
        self.ssrc = ssrc
        self.reports = reports
        self.profileExtensions = profileExtensions
    }

    public var countField: UInt8 { UInt8(truncatingIfNeeded: reports.count) }

    public init(count: UInt8, body: [UInt8]) throws(RTCPError) {
        var reader = Self.reader(body)
        ssrc = try reader.u32()
        reports = try ReceptionReport.readBlocks(count: count, from: &reader)
        profileExtensions = reader.rest()
    }

    public func serializedBody() throws(RTCPError) -> [UInt8] {
        var writer = MediaByteWriter()
        guard reports.count <= 31 else { throw .unencodable("\(reports.count) report blocks (at most 31)") }
        guard profileExtensions.count % 4 == 0 else { throw .unencodable("profile extensions must be whole words") }
        writer.u32(ssrc)
        for report in reports {
            report.write(into: &writer)
        }
        writer.append(profileExtensions)
        return writer.bytes
    }
}
