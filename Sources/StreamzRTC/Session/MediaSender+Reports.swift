extension MediaSender {
    /// The regular compound when the RFC 3550 §6.2 interval has passed: an SR per stream
    /// that has sent (§6.4.1: the wall clock and the RTP clock at the same instant, for
    /// lip sync and the receiver's LSR) and an SDES CNAME chunk per SSRC (§6.5.1).
    public func poll(now: Instant, wallClock: NTPTimestamp) -> [RTCPPacket]? {
        guard rtcpTimer.isDue(now: now) else { return nil }
        let compound = reports(now: now, wallClock: wallClock)
        let size = (try? RTCPPacket.serializeCompound(compound).count) ?? 0
        rtcpTimer.sent(size: size, now: now)
        return compound
    }

    /// When `poll` next has something to send; nil before any media was sent.
    public var nextTimeout: Instant? { rtcpTimer.nextReport }

    /// The last compound of a session: reports and RFC 3550 §6.6 BYE for our SSRCs.
    public func goodbye(now: Instant, wallClock: NTPTimestamp, reason: String? = nil) -> [RTCPPacket] {
        var sources: [UInt32] = []
        if video != nil { sources.append(configuration.videoSSRC) }
        if audio != nil { sources.append(configuration.audioSSRC) }
        return reports(now: now, wallClock: wallClock) + [.goodbye(Goodbye(sources: sources, reason: reason))]
    }

    func reports(now: Instant, wallClock: NTPTimestamp) -> [RTCPPacket] {
        var compound: [RTCPPacket] = []
        var chunks: [SourceDescription.Chunk] = []
        let cname = SourceDescription.Item(type: SourceDescription.ItemType.cname, value: Array(configuration.cname.utf8))
        for counts in [videoCounts, audioCounts] where counts.packetCount > 0 {
            compound.append(.senderReport(counts.makeReport(now: now, wallClock: wallClock)))
            chunks.append(SourceDescription.Chunk(source: counts.ssrc, items: [cname]))
        }
        if compound.isEmpty {
            // Nothing sent yet: an empty RR still carries our CNAME (§6.1: every compound starts with SR or RR).
            let ssrc = video != nil ? configuration.videoSSRC : configuration.audioSSRC
            compound.append(.receiverReport(ReceiverReport(ssrc: ssrc)))
            chunks.append(SourceDescription.Chunk(source: ssrc, items: [cname]))
        }
        compound.append(.sourceDescription(SourceDescription(chunks: chunks)))
        return compound
    }

    /// What the device reports: rates over the last second, totals, and the receiver's view.
    public func stats(now: Instant) -> MediaSenderStats {
        var stats = statsStore
        stats.target = video == nil ? nil : videoTarget
        stats.bitrateKbps = sentRate.bitsPerSecond(now: now) / 1000
        stats.framesPerSecond = Double(frameRate.count(now: now))
        return stats
    }
}
