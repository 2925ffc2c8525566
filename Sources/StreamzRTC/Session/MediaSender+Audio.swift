extension MediaSender {
    /// Encodes 20 ms of 48 kHz mono PCM (960 samples) to one Opus RTP packet (RFC 7587 §4.2),
    /// with the RFC 6464 audio level when that extension was negotiated.
    public func sendAudio(_ samples: [Int16], captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) -> [RTPPacket] {
        guard let audio else { throw .notNegotiated(.audio) }
        guard samples.count == OpusEncoder.frameSamples else {
            throw .codec(.wrongSampleCount(expected: OpusEncoder.frameSamples, got: samples.count))
        }
        let encoder: OpusEncoder
        do {
            if let opusEncoder {
                encoder = opusEncoder
            } else {
                encoder = try OpusEncoder(channels: 1, bitrate: quality.audioBitrate)
                opusEncoder = encoder
            }
        } catch {
            throw .codec(error)
        }
        let payload: [UInt8]
        do { payload = try encoder.encode(samples) } catch { throw .codec(error) }
        let level = AudioLevel(samples: samples)
        // RFC 6464 §3: V marks voice activity; without a detector, anything above -50 dBov counts.
        let indication = AudioLevelExtension(voiceActivity: level.rmsDBFS > -50, level: level.rfc6464Level)
        return [audioPacket(payload, stream: audio, samples: samples.count, level: indication, captureTime: captureTime, now: now)]
    }

    /// Sends an already encoded Opus packet (an Ogg file's) as it is; `samples` is its
    /// duration at 48 kHz, by which the RTP timestamp advances (RFC 7587 §4.1).
    public func sendEncodedAudio(_ packet: [UInt8], samples: Int, captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) -> [RTPPacket] {
        guard let audio else { throw .notNegotiated(.audio) }
        guard !packet.isEmpty else { throw .invalidInput("empty Opus packet") }
        guard (1...5760).contains(samples) else { throw .invalidInput("Opus packet of \(samples) samples") }
        return [audioPacket(packet, stream: audio, samples: samples, level: nil, captureTime: captureTime, now: now)]
    }

    func audioPacket(_ payload: [UInt8], stream audio: NegotiatedStream, samples: Int, level: AudioLevelExtension?,
                     captureTime: NTPTimestamp, now: Instant) -> RTPPacket {
        var extensions = commonExtensions(audio, now: now)
        if let level, let id = audio.extensionIDs[AudioLevelExtension.uri] { extensions.set(level, id: id) }
        if let id = audio.extensionIDs[AbsCaptureTime.uri] { extensions.set(AbsCaptureTime(captureTime: captureTime), id: id) }
        let header = RTPHeader(payloadType: audio.payloadType, sequenceNumber: audioSequence, timestamp: audioTimestamp,
                               ssrc: configuration.audioSSRC, extensions: extensions)
        audioSequence &+= 1
        audioTimestamp &+= UInt32(samples)
        let packet = RTPPacket(header: header, payload: payload)
        audioCounts.sent(packet, at: now)
        countSent(packet, now: now)
        return packet
    }
}
