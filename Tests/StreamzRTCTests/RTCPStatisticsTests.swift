import Testing
@testable import StreamzRTC

@Suite("RTCP receiver statistics and round-trip time (RFC 3550 §6.4.1, A.1, A.3, A.8)")
struct RTCPStatisticsTests {
    let start = Instant(nanoseconds: 1_000_000_000)

    @Test func roundTripTimeFromLSRAndDLSR() throws {
        let sent = NTPTimestamp(unixSeconds: 1_700_000_000)
        // The peer held our SR for 0.5 s; its report reaches us 0.6 s after we sent the SR.
        let report = ReceptionReport(ssrc: 1, lastSenderReport: sent.middle32, delaySinceLastSenderReport: 32_768)
        let rtt = try #require(RoundTripTime.compute(report: report, arrival: sent + .milliseconds(600)))
        #expect(abs(rtt.milliseconds - 100) < 0.1)
        #expect(RoundTripTime.compute(lastSenderReport: 0, delaySinceLastSenderReport: 0, arrival: sent) == nil)
        // A report that claims to have held the SR longer than it was away clamps to zero.
        #expect(RoundTripTime.compute(lastSenderReport: sent.middle32, delaySinceLastSenderReport: 65_536, arrival: sent + .milliseconds(500)) == .zero)
    }

    @Test func lossAndFractionPerInterval() {
        var stats = ReceiverStatistics(ssrc: 9, clockRate: 90_000)
        // 100 packets expected, every tenth lost.
        for sequence in 0..<100 where sequence % 10 != 3 {
            stats.record(sequenceNumber: UInt16(1000 + sequence), rtpTimestamp: UInt32(sequence * 3000), arrival: start)
        }
        var report = stats.makeReport(now: start)
        #expect(report.extendedHighestSequenceNumber == 1099)
        #expect(report.cumulativeLost == 10)
        #expect(report.fractionLost == UInt8(10 * 256 / 100))
        // A clean interval reports no fraction lost but keeps the cumulative count.
        for sequence in 100..<150 {
            stats.record(sequenceNumber: UInt16(1000 + sequence), rtpTimestamp: UInt32(sequence * 3000), arrival: start)
        }
        report = stats.makeReport(now: start)
        #expect(report.fractionLost == 0)
        #expect(report.cumulativeLost == 10)
    }

    @Test func wrapCountsCycles() {
        var stats = ReceiverStatistics(ssrc: 9, clockRate: 90_000)
        for step in 0..<10 {
            stats.record(sequenceNumber: UInt16(truncatingIfNeeded: 65_530 + step), rtpTimestamp: 0, arrival: start)
        }
        #expect(stats.extendedHighestSequenceNumber == 0x0001_0003)
        #expect(stats.cumulativeLost == 0)
        // A late packet from before the wrap neither moves the highest nor the cycles; duplicates count as received.
        stats.record(sequenceNumber: 65_535, rtpTimestamp: 0, arrival: start)
        #expect(stats.extendedHighestSequenceNumber == 0x0001_0003)
        #expect(stats.cumulativeLost == -1)
    }

    @Test func largeJumpNeedsConfirmation() {
        var stats = ReceiverStatistics(ssrc: 9, clockRate: 90_000)
        for sequence in UInt16(0)..<5 {
            stats.record(sequenceNumber: sequence, rtpTimestamp: 0, arrival: start)
        }
        let jumped = stats.record(sequenceNumber: 30_000, rtpTimestamp: 0, arrival: start)
        #expect(!jumped)
        #expect(stats.extendedHighestSequenceNumber == 4)
        // The next one in sequence confirms that the source restarted.
        let confirmed = stats.record(sequenceNumber: 30_001, rtpTimestamp: 0, arrival: start)
        #expect(confirmed)
        #expect(stats.extendedHighestSequenceNumber == 30_001)
        #expect(stats.packetsReceived == 1)
    }

    @Test func jitterIsZeroForSteadyArrivalAndGrowsWithVariation() {
        var steady = ReceiverStatistics(ssrc: 1, clockRate: 90_000)
        for index in 0..<50 {
            steady.record(sequenceNumber: UInt16(index), rtpTimestamp: UInt32(index * 3000), arrival: start + .nanoseconds(Int64(index) * 1_000_000_000 / 30))
        }
        #expect(steady.jitter < 2)
        var jittery = ReceiverStatistics(ssrc: 1, clockRate: 90_000)
        for index in 0..<400 {
            // Every other packet arrives 10 ms late: |D| alternates around 900 units.
            let late: Int64 = index % 2 == 0 ? 0 : 10
            jittery.record(sequenceNumber: UInt16(index), rtpTimestamp: UInt32(index * 3000),
                           arrival: start + .nanoseconds(Int64(index) * 1_000_000_000 / 30) + .milliseconds(late))
        }
        // J converges to the mean |D| = 900 units (10 ms at 90 kHz).
        #expect(abs(jittery.jitter - 900) < 10)
        let report = jittery.makeReport(now: start)
        #expect(report.jitter == UInt32(jittery.jitter))
    }

    @Test func retransmissionsCountButStayOutOfTheJitter() {
        var stats = ReceiverStatistics(ssrc: 1, clockRate: 90_000)
        for index in [0, 1, 3, 4] {
            stats.record(sequenceNumber: UInt16(index), rtpTimestamp: UInt32(index * 3000),
                         arrival: start + .nanoseconds(Int64(index) * 1_000_000_000 / 30))
        }
        #expect(stats.jitter < 2)
        // Packet 2 comes back by retransmission 150 ms late: received, yet no jitter.
        stats.record(sequenceNumber: 2, rtpTimestamp: 6000, arrival: start + .milliseconds(216), isRetransmission: true)
        #expect(stats.packetsReceived == 5 && stats.cumulativeLost == 0)
        #expect(stats.jitter < 2)
    }

    @Test func reportEchoesLastSenderReport() {
        var stats = ReceiverStatistics(ssrc: 1, clockRate: 48_000)
        stats.record(sequenceNumber: 1, rtpTimestamp: 0, arrival: start)
        let before = stats.makeReport(now: start)
        #expect(before.lastSenderReport == 0)
        let ntp = NTPTimestamp(seconds: 0x0001_0002, fraction: 0x8000_0000)
        stats.senderReportReceived(ntpTime: ntp, at: start)
        let report = stats.makeReport(now: start + .milliseconds(250))
        #expect(report.lastSenderReport == 0x0002_8000)
        #expect(report.delaySinceLastSenderReport == 16_384)
    }
}
