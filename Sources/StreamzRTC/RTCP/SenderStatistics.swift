/// What a sender counts about one outgoing SSRC to fill its sender report (RFC 3550 §6.4.1).
public struct SenderStatistics: Sendable {
    public let ssrc: UInt32
    /// RTP clock rate of the stream (90 000 for video, 48 000 for Opus).
    public let clockRate: Int
    public private(set) var packetCount: UInt32 = 0
    /// Payload octets only: §6.4.1 excludes header and padding.
    public private(set) var octetCount: UInt32 = 0
    private var lastTimestamp: UInt32?
    private var lastSendTime: Instant?

    public init(ssrc: UInt32, clockRate: Int) {
        self.ssrc = ssrc
        self.clockRate = clockRate
    }

    /// Counts a packet handed to the transport at `now` (retransmissions too, as they are sent).
    public mutating func sent(_ packet: RTPPacket, at now: Instant) {
        packetCount &+= 1
        octetCount &+= UInt32(truncatingIfNeeded: packet.payload.count)
        lastTimestamp = packet.header.timestamp
        lastSendTime = now
    }

    /// The SR for `now`: the wall clock as the caller knows it, and the RTP timestamp
    /// that corresponds to the same instant (§6.4.1: "the same time as the NTP timestamp"),
    /// extrapolated from the last packet sent so receivers can sync audio and video.
    public func makeReport(now: Instant, wallClock: NTPTimestamp, reports: [ReceptionReport] = []) -> SenderReport {
        var rtpTimestamp: UInt32 = 0
        if let lastTimestamp, let lastSendTime {
            let elapsed = (now - lastSendTime).totalNanoseconds
            let ticks = elapsed / 1000 * Int64(clockRate) / 1_000_000
            rtpTimestamp = lastTimestamp &+ UInt32(truncatingIfNeeded: ticks)
        }
        return SenderReport(
            ssrc: ssrc, ntpTime: wallClock, rtpTimestamp: rtpTimestamp, packetCount: packetCount,
            octetCount: octetCount, reports: reports)
    }
}
