extension MediaReceiver {
    /// Runs the timers at `now` and returns the RTCP compound to send, if any: an RR (with
    /// report blocks when the RFC 3550 §6.2 interval has passed) and SDES CNAME, followed by
    /// the feedback due now (RFC 4585 §3.5.2 immediate mode suits a two-party session):
    /// generic NACK, PLI (or FIR, RFC 5104 §4.3.1), REMB.
    public func poll(now: Instant, wallClock: NTPTimestamp) -> [RTCPPacket]? {
        var feedback: [RTCPPacket] = []
        if let video, let mediaSSRC = videoSSRC {
            for request in jitterBuffer.poll(now: now) {
                switch request {
                case .nack(let missing) where video.feedback.contains(.nack):
                    feedback.append(.nack(GenericNACK(senderSSRC: configuration.localSSRC, mediaSSRC: mediaSSRC, missing: missing)))
                    statsStore.nacksSent += 1
                    statsStore.nackedPackets += missing.count
                case .pictureLossIndication:
                    feedback += keyframeRequest(video, mediaSSRC: mediaSSRC)
                default:
                    break
                }
            }
            // A give-up may have released a keyframe that was waiting behind the stalled frame.
            decodeReadyFrames(now: now, wallClock: wallClock)
            if decoderNeedsKeyframe, lastDecoderPLI.map({ now >= $0 + configuration.jitterBuffer.pliInterval }) ?? true {
                lastDecoderPLI = now
                feedback += keyframeRequest(video, mediaSSRC: mediaSSRC)
            }
        }
        playAudio(now: now, wallClock: wallClock)
        let regular = rtcpTimer.isDue(now: now)
        var blocks: [ReceptionReport] = []
        if regular {
            if var counts = videoCounts {
                blocks.append(counts.makeReport(now: now))
                videoCounts = counts
            }
            if var counts = audioCounts {
                blocks.append(counts.makeReport(now: now))
                audioCounts = counts
            }
        }
        if let remb = rembDue(now: now) { feedback.append(remb) }
        guard regular || !feedback.isEmpty else { return nil }
        let compound: [RTCPPacket] = [
            .receiverReport(ReceiverReport(ssrc: configuration.localSSRC, reports: blocks)),
            .sourceDescription(SourceDescription(source: configuration.localSSRC, cname: configuration.cname)),
        ] + feedback
        if regular {
            rtcpTimer.sent(size: (try? RTCPPacket.serializeCompound(compound).count) ?? 0, now: now)
        }
        return compound
    }

    /// The viewer's last compound: a final RR, SDES and RFC 3550 §6.6 BYE for our SSRC.
    public func goodbye(now: Instant, reason: String? = nil) -> [RTCPPacket] {
        var blocks: [ReceptionReport] = []
        if var counts = videoCounts { blocks.append(counts.makeReport(now: now)) }
        if var counts = audioCounts { blocks.append(counts.makeReport(now: now)) }
        return [
            .receiverReport(ReceiverReport(ssrc: configuration.localSSRC, reports: blocks)),
            .sourceDescription(SourceDescription(source: configuration.localSSRC, cname: configuration.cname)),
            .goodbye(Goodbye(sources: [configuration.localSSRC], reason: reason)),
        ]
    }

    /// When `poll` next has something to do; nil when only a packet can change anything.
    public var nextTimeout: Instant? {
        var deadlines = [jitterBuffer.nextTimeout, audioBuffer.nextTimeout, rtcpTimer.nextReport]
        if decoderNeedsKeyframe {
            deadlines.append(lastDecoderPLI.map { $0 + configuration.jitterBuffer.pliInterval } ?? .zero)
        }
        if let lastREMB { deadlines.append(lastREMB.at + .seconds(1)) }
        return deadlines.compactMap { $0 }.min()
    }

    /// PLI when negotiated; FIR when only FIR is, or when three PLIs in a row brought no
    /// keyframe (a sender that ignores PLI may still honour the stronger FIR, RFC 5104 §3.5.1).
    func keyframeRequest(_ video: NegotiatedStream, mediaSSRC: UInt32) -> [RTCPPacket] {
        let canPLI = video.feedback.contains(.pli)
        let canFIR = video.feedback.contains(.fir)
        if canPLI, !(canFIR && plisSinceKeyframe >= 3) {
            plisSinceKeyframe += 1
            statsStore.plisSent += 1
            return [.pictureLossIndication(PictureLossIndication(senderSSRC: configuration.localSSRC, mediaSSRC: mediaSSRC))]
        }
        guard canFIR else { return [] }
        plisSinceKeyframe = 0
        firSequence &+= 1
        statsStore.firsSent += 1
        return [.fullIntraRequest(FullIntraRequest(senderSSRC: configuration.localSSRC,
                                                   entries: [.init(ssrc: mediaSSRC, sequenceNumber: firSequence)]))]
    }

    /// REMB once a second, and at once when the estimate fell by more than 3 % (as libwebrtc does).
    func rembDue(now: Instant) -> RTCPPacket? {
        guard let video, video.feedback.contains(.remb) else { return nil }
        estimator.update(now: now, lossRatio: lossRatioOverLastSecond(now: now))
        guard let estimate = estimator.estimate else { return nil }
        let due = lastREMB.map { now >= $0.at + .seconds(1) || estimate < $0.bitsPerSecond * 0.97 } ?? true
        guard due else { return nil }
        lastREMB = (now, estimate)
        let ssrcs = [videoSSRC, audioSSRC].compactMap { $0 }
        return .receiverEstimatedMaxBitrate(ReceiverEstimatedMaxBitrate(
            senderSSRC: configuration.localSSRC, bitrate: UInt64(estimate), ssrcs: ssrcs))
    }

    /// Loss over windows of at least a second: an RR interval can hold only a few dozen
    /// packets, too few for the estimator's 10 % rule not to fire on chance.
    func lossRatioOverLastSecond(now: Instant) -> Double? {
        let counts = [videoCounts, audioCounts].compactMap { $0 }
        let expected = counts.reduce(Int64(0)) { $0 + $1.packetsExpected }
        let received = counts.reduce(Int64(0)) { $0 + Int64($1.packetsReceived) }
        guard let base = lossWindowStart else {
            lossWindowStart = (now, expected, received)
            return nil
        }
        guard now - base.at >= .seconds(1) else { return lastLossRatio }
        let expectedInterval = expected - base.expected
        let lostInterval = expectedInterval - (received - base.received)
        lastLossRatio = expectedInterval > 0 ? Double(max(0, lostInterval)) / Double(expectedInterval) : 0
        lossWindowStart = (now, expected, received)
        return lastLossRatio
    }
}
