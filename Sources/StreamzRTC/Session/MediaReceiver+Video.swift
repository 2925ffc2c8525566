extension MediaReceiver {
    func receiveVideo(_ received: RTPPacket, now: Instant, wallClock: NTPTimestamp) {
        guard let video else { return drop("video_not_negotiated") }
        var packet = received
        var isRetransmission = false
        if let rtxType = video.rtxPayloadType, received.header.payloadType == rtxType {
            // RFC 4588 §4: restore the original packet from the RTX one.
            let mediaSSRC = video.remoteRTXSSRCs.first { $0.value == received.header.ssrc }?.key ?? videoSSRC
            guard let mediaSSRC,
                  let original = try? RTPPacket(unwrappingRetransmission: received, mediaPayloadType: video.payloadType,
                                                mediaSSRC: mediaSSRC) else { return drop("rtx_unusable") }
            packet = original
            isRetransmission = true
            statsStore.retransmittedPacketsReceived += 1
        }
        guard packet.header.payloadType == video.payloadType else { return drop("video_unknown_payload_type") }
        if packet.header.ssrc != videoSSRC {
            guard !isRetransmission else { return drop("rtx_for_unknown_stream") }
            guard acceptsNewSource(packet.header.ssrc, stream: video, current: videoSSRC, lastPacketAt: lastVideoPacketAt, now: now) else {
                return drop("video_foreign_ssrc")
            }
            startVideoStream(ssrc: packet.header.ssrc)
        }
        lastVideoPacketAt = now
        countReceived(received, now: now)
        estimator.packetArrived(size: received.payload.count + 12, sendTime: isRetransmission ? nil : sendTime(of: packet, stream: video),
                                wrapsAt: sendTimeWrap(stream: video), now: now)
        if let id = video.extensionIDs[AbsCaptureTime.uri], let capture = try? packet.header.extensions.value(AbsCaptureTime.self, id: id) {
            videoCapture.record(rtpTimestamp: packet.header.timestamp, capture: capture)
        }
        if frameArrivals[packet.header.timestamp] == nil { frameArrivals[packet.header.timestamp] = now }
        // A duplicate (a retransmission after the original made it after all) is not counted
        // again: RFC 3550 A.3 would let it push the loss count below zero, which tells nobody anything.
        // With RTX every retransmission is marked, so originals can measure reordering.
        let known: Bool? = video.rtxPayloadType == nil ? nil : isRetransmission
        if jitterBuffer.insert(packet, now: now, isRetransmission: known) != .duplicate {
            videoCounts?.record(sequenceNumber: packet.header.sequenceNumber, rtpTimestamp: packet.header.timestamp,
                                arrival: now, isRetransmission: isRetransmission)
        }
        decodeReadyFrames(now: now, wallClock: wallClock)
    }

    /// A new sender SSRC (the first, or the sender restarted its stream): fresh statistics and buffer.
    func startVideoStream(ssrc: UInt32) {
        videoSSRC = ssrc
        videoCounts = ReceiverStatistics(ssrc: ssrc, clockRate: 90_000)
        jitterBuffer = VP8JitterBuffer(configuration: configuration.jitterBuffer)
        frameArrivals = [:]
        videoCapture = CaptureTimeTracker(clockRate: 90_000)
    }

    /// Whether a packet from another SSRC may take over the stream: the first source is taken as
    /// it comes (a sender may use an SSRC its description did not announce); later, one the remote
    /// description announced (`a=ssrc`), or any once the current source has been silent for 2 s
    /// (a sender that restarted). A stray packet never resets a live stream.
    func acceptsNewSource(_ ssrc: UInt32, stream: NegotiatedStream, current: UInt32?, lastPacketAt: Instant?, now: Instant) -> Bool {
        guard current != nil, let lastPacketAt else { return true }
        return stream.remoteSSRCs.contains(ssrc) || now - lastPacketAt >= .seconds(2)
    }

    /// abs-send-time (6.18 s, wrapping at 64 s) when negotiated, else the RTP timestamp in seconds.
    func sendTime(of packet: RTPPacket, stream: NegotiatedStream) -> Double? {
        if let id = stream.extensionIDs[AbsSendTime.uri] {
            return (try? packet.header.extensions.value(AbsSendTime.self, id: id))?.seconds
        }
        return Double(packet.header.timestamp) / Double(stream.clockRate)
    }

    func sendTimeWrap(stream: NegotiatedStream) -> Double {
        stream.extensionIDs[AbsSendTime.uri] != nil ? 64 : 4_294_967_296 / Double(stream.clockRate)
    }

    /// Decodes every frame the jitter buffer completed, in order. A frame that fails to
    /// decode leaves the decoder without references: delta frames are skipped and a
    /// keyframe asked for (from `poll`) until one arrives.
    func decodeReadyFrames(now: Instant, wallClock: NTPTimestamp) {
        while let frame = jitterBuffer.popFrame() {
            let firstPacketAt = frameArrivals.removeValue(forKey: frame.rtpTimestamp) ?? frame.completedAt
            if decoderNeedsKeyframe && !frame.isKeyframe {
                statsStore.framesDropped += 1
                continue
            }
            guard let decoder else { return }
            let started = configuration.decodeClock?() ?? now
            let picture: I420Frame?
            do {
                picture = try decoder.decode(frame.data)
            } catch {
                statsStore.framesDropped += 1
                decoderNeedsKeyframe = true
                continue
            }
            let finished = configuration.decodeClock?() ?? now
            if frame.isKeyframe {
                decoderNeedsKeyframe = false
                plisSinceKeyframe = 0
            }
            guard let picture else { continue }
            deliver(picture, frame: frame, firstPacketAt: firstPacketAt, decodeTime: finished - started,
                    now: now, wallClock: wallClock)
        }
        // Frames whose packets never completed leave their first-arrival entries behind.
        if frameArrivals.count > 256 {
            frameArrivals = frameArrivals.filter { now - $0.value < .seconds(2) }
        }
    }

    func deliver(_ picture: I420Frame, frame: AssembledFrame, firstPacketAt: Instant, decodeTime: Duration,
                 now: Instant, wallClock: NTPTimestamp) {
        let decodedAt = now + decodeTime
        let capture = videoCapture.captureTime(rtpTimestamp: frame.rtpTimestamp)
        var latency: Duration?
        var estimated = true
        if let capture {
            // PROTOCOL.md "Measures": measured from the sender's capture time, on our clock.
            let offset = senderClockCorrection
            let seconds = (wallClock + decodeTime).secondsSince1900 - capture.secondsSince1900 - offset
            // A value no path can have means the clocks disagree beyond repair: estimate instead.
            if (0..<30).contains(seconds) {
                latency = .nanoseconds(Int64(seconds * 1e9))
                estimated = false
            }
        }
        if latency == nil {
            // RTT/2 + jitter-buffer delay + decode time.
            let halfRTT = (roundTripTime ?? .zero) / 2
            latency = halfRTT + (now - firstPacketAt) + decodeTime
        }
        if let latency { lastLatency = (latency, estimated) }
        statsStore.framesDecoded += 1
        statsStore.width = picture.width
        statsStore.height = picture.height
        if statsStore.firstVideoFrameAt == nil { statsStore.firstVideoFrameAt = decodedAt }
        decodedRate.add(at: now)
        events.append(.videoFrame(DecodedVideoFrame(
            frame: picture, rtpTimestamp: frame.rtpTimestamp, isKeyframe: frame.isKeyframe, captureTime: capture,
            latency: latency, latencyEstimated: estimated, firstPacketAt: firstPacketAt, decodedAt: decodedAt)))
    }
}
