extension MediaReceiver {
    /// The viewer's figures at `now` in the PROTOCOL.md `stats` shape: rates over the last
    /// second, totals since the start, video figures when video is received (else audio's).
    public func stats(now: Instant) -> MediaStats {
        var stats = statsStore
        stats.rttMs = roundTripTime?.milliseconds
        if let lastLatency {
            stats.latencyMs = lastLatency.value.milliseconds
            stats.latencyEstimated = lastLatency.estimated
        }
        let primary = videoCounts ?? audioCounts
        if let primary {
            stats.jitterMs = primary.jitter / Double(primary.clockRate) * 1000
        }
        let counts = [videoCounts, audioCounts].compactMap { $0 }
        if !counts.isEmpty {
            // A.3: duplicates can push the count below zero; report none lost then.
            let lost = counts.reduce(Int64(0)) { $0 + max(0, $1.cumulativeLost) }
            let expected = counts.reduce(Int64(0)) { $0 + $1.packetsExpected }
            stats.packetsLost = Int(lost)
            stats.packetLossRatio = expected > 0 ? Double(lost) / Double(expected) : 0
        }
        stats.bitrateKbps = receivedRate.bitsPerSecond(now: now) / 1000
        if video != nil { stats.framesPerSecond = Double(decodedRate.count(now: now)) }
        stats.audioLevelDb = lastSecondLevel(now: now)
        stats.framesDropped += jitterBuffer.counters.framesDropped
        stats.estimatedBandwidthKbps = estimator.estimate.map { $0 / 1000 }
        return stats
    }
}
