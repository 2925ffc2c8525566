extension MediaSender {
    /// Encodes one captured picture and returns its RTP packets (none when the frame-rate
    /// cap or libvpx's rate control skips it). A picture of another size than the target is
    /// scaled to it. `captureTime` is the wall-clock capture instant, sent in abs-capture-time.
    public func sendVideo(_ frame: I420Frame, captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) -> [RTPPacket] {
        guard video != nil else { throw .notNegotiated(.video) }
        // The preset's rate caps the source's: a frame sooner than 3/4 of an interval
        // after the last one is skipped, so a 30 fps source sends 15 fps at `low`.
        if let lastFrameAccepted, now - lastFrameAccepted < videoTarget.frameInterval * 3 / 4 {
            statsStore.framesSkipped += 1
            return []
        }
        lastFrameAccepted = now
        let encoder = try readyEncoder()
        let picture = frame.width == videoTarget.width && frame.height == videoTarget.height
            ? frame : frame.scaled(width: videoTarget.width, height: videoTarget.height)
        let encoded: [VP8EncodedFrame]
        do { encoded = try encoder.encode(picture) } catch { throw .codec(error) }
        if encoded.isEmpty { statsStore.framesSkipped += 1 }
        var packets: [RTPPacket] = []
        for frame in encoded {
            packets += try packetizeVideo(frame.data, isKeyframe: frame.isKeyframe, width: picture.width,
                                          height: picture.height, captureTime: captureTime, now: now)
        }
        return packets
    }

    /// Sends an already encoded VP8 frame (an IVF file's) as it is, without re-encoding.
    /// Keyframe and size are read from the frame header (RFC 6386 §9.1).
    public func sendEncodedVideo(_ frame: [UInt8], captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) -> [RTPPacket] {
        guard video != nil else { throw .notNegotiated(.video) }
        let header: VP8FrameHeader
        do { header = try VP8FrameHeader(parsing: frame) } catch { throw .packetization(error) }
        lastFrameAccepted = now
        return try packetizeVideo(frame, isKeyframe: header.isKeyframe, width: header.width, height: header.height,
                                  captureTime: captureTime, now: now)
    }

    /// The encoder, created on first use and brought to the current target.
    func readyEncoder() throws(MediaSessionError) -> VP8Encoder {
        let settings = VP8EncoderSettings(
            width: videoTarget.width, height: videoTarget.height, framesPerSecond: videoTarget.framesPerSecond,
            targetBitrateKbps: videoTarget.bitrateKbps, cpuUsed: configuration.cpuUsed)
        do {
            if let encoder {
                if encoderTargetApplied != videoTarget {
                    try encoder.update(settings)
                    encoderTargetApplied = videoTarget
                }
                return encoder
            }
            let created = try VP8Encoder(settings: settings)
            encoder = created
            encoderTargetApplied = videoTarget
            return created
        } catch {
            throw .codec(error)
        }
    }

    /// RFC 7741 §4.1 packets of one frame: one RTP timestamp, marker on the last packet,
    /// abs-capture-time on the first. Each is recorded for NACKs and counted.
    func packetizeVideo(_ data: [UInt8], isKeyframe: Bool, width: Int?, height: Int?, captureTime: NTPTimestamp,
                        now: Instant) throws(MediaSessionError) -> [RTPPacket] {
        guard let video else { throw .notNegotiated(.video) }
        let payloads: [[UInt8]]
        do { payloads = try packetizer.packetize(frame: data) } catch { throw .packetization(error) }
        let origin = videoClockOrigin ?? now
        videoClockOrigin = origin
        // RFC 7741 §4.1: the 90 kHz timestamp of the capture instant.
        let ticks = max(0, (now - origin).totalNanoseconds) * 9 / 100_000
        let timestamp = videoTimestampBase &+ UInt32(truncatingIfNeeded: ticks)
        let common = commonExtensions(video, now: now)
        var packets: [RTPPacket] = []
        packets.reserveCapacity(payloads.count)
        for (index, payload) in payloads.enumerated() {
            var extensions = common
            if index == 0, let id = video.extensionIDs[AbsCaptureTime.uri] {
                extensions.set(AbsCaptureTime(captureTime: captureTime), id: id)
            }
            let header = RTPHeader(marker: index == payloads.count - 1, payloadType: video.payloadType,
                                   sequenceNumber: videoSequence, timestamp: timestamp, ssrc: configuration.videoSSRC,
                                   extensions: extensions)
            videoSequence &+= 1
            let packet = RTPPacket(header: header, payload: payload)
            history.record(packet)
            videoCounts.sent(packet, at: now)
            countSent(packet, now: now)
            packets.append(packet)
        }
        statsStore.framesSent += 1
        frameRate.add(at: now)
        if isKeyframe {
            statsStore.keyframesSent += 1
            keyframeRequested = false
        }
        if let width, let height {
            statsStore.width = width
            statsStore.height = height
        }
        return packets
    }
}
