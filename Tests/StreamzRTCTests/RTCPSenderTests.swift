import Testing
@testable import StreamzRTC

@Suite("RTP sender side: sender statistics and packet history")
struct RTCPSenderTests {
    let t0 = Instant(nanoseconds: 2_000_000_000)

    static func packet(_ sequence: UInt16, timestamp: UInt32 = 0, size: Int = 100) -> RTPPacket {
        RTPPacket(header: RTPHeader(payloadType: 96, sequenceNumber: sequence, timestamp: timestamp, ssrc: 5),
                  payload: [UInt8](repeating: 1, count: size), paddingLength: 4)
    }

    @Test func senderReportCountsAndExtrapolatesTimestamp() throws {
        var stats = SenderStatistics(ssrc: 5, clockRate: 90_000)
        for index in 0..<3 {
            stats.sent(Self.packet(UInt16(index), timestamp: 1000 + UInt32(index) * 3000), at: t0 + .milliseconds(Int64(index) * 33))
        }
        let wall = NTPTimestamp(unixSeconds: 1_700_000_000)
        // 100 ms after the last packet: 9000 ticks at 90 kHz.
        let report = stats.makeReport(now: t0 + .milliseconds(166), wallClock: wall)
        #expect(report.packetCount == 3)
        #expect(report.octetCount == 300)  // payload only, padding excluded
        #expect(report.rtpTimestamp == 7000 + 9000)
        #expect(report.ntpTime == wall)
        let parsed = try RTCPPacket.parseCompound(report.serialized())
        #expect(parsed == [.senderReport(report)])
    }

    @Test func historyAnswersNACKs() {
        var history = RTPPacketHistory(capacity: 4)
        for sequence in UInt16(65_533)...UInt16(65_535) { history.record(Self.packet(sequence)) }
        for sequence in UInt16(0)...UInt16(2) { history.record(Self.packet(sequence)) }
        #expect(history.count == 4)
        #expect(history[65_533] == nil && history[65_534] == nil)
        let nack = GenericNACK(senderSSRC: 1, mediaSSRC: 5, missing: [65_534, 65_535, 1])
        #expect(history.packets(for: nack).map(\.header.sequenceNumber) == [65_535, 1])
        for sequence in UInt16(3)..<UInt16(2000) { history.record(Self.packet(sequence)) }
        #expect(history.count == 4)
        #expect(history[1999] != nil && history[1995] == nil)
    }
}
