extension MediaSender {
    /// Acts on RTCP from the viewer: NACKs are answered with retransmissions (returned),
    /// PLI and new FIRs force a keyframe, REMB steers `auto`, and report blocks about our
    /// SSRCs give RTT (RFC 3550 §6.4.1, with `wallClock` the arrival time), loss and jitter.
    public func handle(rtcp packets: [RTCPPacket], now: Instant, wallClock: NTPTimestamp) -> [RTPPacket] {
        var retransmissions: [RTPPacket] = []
        for packet in packets {
            switch packet {
            case .receiverReport(let report):
                absorb(report.reports, wallClock: wallClock)
            case .senderReport(let report):
                absorb(report.reports, wallClock: wallClock)
            case .nack(let nack) where nack.mediaSSRC == configuration.videoSSRC:
                statsStore.nacksReceived += 1
                retransmissions += retransmit(nack, now: now)
            case .pictureLossIndication(let pli) where pli.mediaSSRC == configuration.videoSSRC:
                keyframeAsked()
            case .fullIntraRequest(let fir):
                // RFC 5104 §4.3.1.2: a repeated command sequence number is the same request again.
                for entry in fir.entries where entry.ssrc == configuration.videoSSRC
                    && lastFIRSequence[fir.senderSSRC] != entry.sequenceNumber {
                    lastFIRSequence[fir.senderSSRC] = entry.sequenceNumber
                    keyframeAsked()
                }
            case .receiverEstimatedMaxBitrate(let remb)
                where remb.ssrcs.isEmpty || remb.ssrcs.contains(configuration.videoSSRC) || remb.ssrcs.contains(configuration.audioSSRC):
                statsStore.remoteEstimateBitsPerSecond = remb.bitrate
                if quality == .auto { retarget(autoTarget(estimate: remb.bitrate, now: now, current: videoTarget)) }
            default:
                break
            }
        }
        return retransmissions
    }

    func keyframeAsked() {
        guard video != nil else { return }
        statsStore.keyframeRequests += 1
        encoder?.requestKeyframe()
        if !keyframeRequested { events.append(.keyframeRequested) }
        keyframeRequested = true
    }

    func absorb(_ reports: [ReceptionReport], wallClock: NTPTimestamp) {
        for report in reports {
            let clockRate: Double
            switch report.ssrc {
            case configuration.videoSSRC: clockRate = 90_000
            case configuration.audioSSRC: clockRate = Double(OpusEncoder.sampleRate)
            default: continue
            }
            if let rtt = RoundTripTime.compute(report: report, arrival: wallClock) { statsStore.rttMs = rtt.milliseconds }
            // Video speaks for the session once it is sent; audio stands in until then (audio-only sessions).
            if report.ssrc == configuration.videoSSRC || videoCounts.packetCount == 0 {
                statsStore.packetsLost = Int(report.cumulativeLost)
                statsStore.packetLossRatio = report.lossRatio
                statsStore.jitterMs = Double(report.jitter) / clockRate * 1000
            }
        }
    }

    /// RFC 4585 §6.2.1: resends what the NACK names and the history still holds, as RFC 4588
    /// RTX when negotiated, otherwise on the media SSRC. A packet resent less than an RTT
    /// ago is not resent again: the first copy may still be on its way.
    func retransmit(_ nack: GenericNACK, now: Instant) -> [RTPPacket] {
        guard let video else { return [] }
        let spacing = Duration.milliseconds(min(100, max(5, statsStore.rttMs ?? 20)))
        var packets: [RTPPacket] = []
        for original in history.packets(for: nack) {
            let sequence = original.header.sequenceNumber
            if let last = lastRetransmission[sequence], now - last < spacing { continue }
            lastRetransmission[sequence] = now
            let packet: RTPPacket
            if let rtxType = video.rtxPayloadType {
                packet = original.retransmission(payloadType: rtxType, ssrc: configuration.videoRTXSSRC, sequenceNumber: rtxSequence)
                rtxSequence &+= 1
            } else {
                packet = original
                videoCounts.sent(packet, at: now)
            }
            statsStore.retransmissions += 1
            countSent(packet, now: now)
            packets.append(packet)
        }
        if lastRetransmission.count > configuration.historyCapacity {
            // Entries older than any spacing are useless.
            lastRetransmission = lastRetransmission.filter { now - $0.value < .milliseconds(100) }
        }
        return packets
    }

    /// `auto`: the video share of the estimate (95 % of it, minus audio), and the preset
    /// size that bitrate can carry. The size changes at most every 5 s so a wobbling
    /// estimate does not resize the picture (each resize costs a keyframe).
    func autoTarget(estimate bitsPerSecond: UInt64, now: Instant, current: VideoTarget) -> VideoTarget {
        let audioKbps = audio == nil ? 0 : quality.audioBitrate / 1000
        let available = Int(min(bitsPerSecond, 10_000_000) * 95 / 100_000) - audioKbps
        let videoKbps = min(2500, max(100, available))
        var target = current
        let fitting = QualityPreset.fitting(videoKbps: videoKbps).video
        let sizeChanges = fitting.width != current.width || fitting.height != current.height
        if sizeChanges, lastAutoResize.map({ now - $0 >= .seconds(5) }) ?? true {
            lastAutoResize = now
            target = fitting
        }
        // Ignore changes under 5 %: each one reconfigures libvpx.
        if abs(videoKbps - current.bitrateKbps) * 20 >= current.bitrateKbps || target.width != current.width {
            target.bitrateKbps = videoKbps
        }
        return target
    }
}
