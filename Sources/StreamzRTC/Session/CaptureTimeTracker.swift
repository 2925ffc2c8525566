/// The capture time of every frame from abs-capture-time: taken from the packet that
/// carries it, or extrapolated along the RTP clock from the last one that did (the
/// extension need not be on every packet; libwebrtc's receiver interpolates the same way).
struct CaptureTimeTracker: Sendable {
    let clockRate: Int
    /// Beyond this distance from the last sample the extrapolation is not trusted.
    static let maxExtrapolation: Int64 = 5

    private var last: (rtpTimestamp: UInt32, capture: NTPTimestamp)?

    init(clockRate: Int) { self.clockRate = clockRate }

    mutating func record(rtpTimestamp: UInt32, capture: AbsCaptureTime) {
        var time = capture.captureTime
        // The offset (if sent) maps the original capturer's clock onto the sender's.
        if let offset = capture.estimatedCaptureClockOffset {
            time = NTPTimestamp(rawValue: UInt64(bitPattern: Int64(bitPattern: time.rawValue) &+ offset))
        }
        last = (rtpTimestamp, time)
    }

    func captureTime(rtpTimestamp: UInt32) -> NTPTimestamp? {
        guard let last else { return nil }
        let ticks = Int64(Int32(bitPattern: rtpTimestamp &- last.rtpTimestamp))
        guard abs(ticks) <= Self.maxExtrapolation * Int64(clockRate) else { return nil }
        return last.capture + .nanoseconds(ticks * 1_000_000_000 / Int64(clockRate))
    }
}

/// How far the receiver's wall clock is ahead of the sender's, from sender reports:
/// an SR's NTP time reached us after one-way delay, taken as RTT/2 (RFC 3550 §6.4.1 gives
/// no better split), so offset = arrival − NTP − RTT/2. The median of the last samples
/// rides out queueing spikes. Measured latency subtracts it, so it holds for devices
/// whose clocks are not synchronised with the viewer's.
struct RemoteClockOffset: Sendable {
    private var samples: [Double] = []
    static let window = 9

    mutating func record(arrival: NTPTimestamp, senderTime: NTPTimestamp, roundTripTime: Duration) {
        let offset = (arrival.secondsSince1900 - senderTime.secondsSince1900) - Double(roundTripTime.totalNanoseconds) / 2e9
        samples.append(offset)
        if samples.count > Self.window { samples.removeFirst() }
    }

    /// Seconds; nil before the first sample.
    var seconds: Double? {
        guard !samples.isEmpty else { return nil }
        return samples.sorted()[samples.count / 2]
    }
}
