#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MediaReceiver {
    func receiveAudio(_ packet: RTPPacket, now: Instant, wallClock: NTPTimestamp) {
        guard let audio else { return drop("audio_not_negotiated") }
        guard packet.header.payloadType == audio.payloadType else { return drop("audio_unknown_payload_type") }
        guard !packet.payload.isEmpty else { return drop("audio_empty_payload") }
        if packet.header.ssrc != audioSSRC {
            guard acceptsNewSource(packet.header.ssrc, stream: audio, current: audioSSRC, lastPacketAt: lastAudioPacketAt, now: now) else {
                return drop("audio_foreign_ssrc")
            }
            audioSSRC = packet.header.ssrc
            audioCounts = ReceiverStatistics(ssrc: packet.header.ssrc, clockRate: Int(audio.clockRate))
            audioBuffer = AudioPlayoutBuffer(delay: configuration.audioPlayoutDelay)
            audioCapture = CaptureTimeTracker(clockRate: OpusEncoder.sampleRate)
        }
        lastAudioPacketAt = now
        countReceived(packet, now: now)
        // Audio adds to the incoming rate; only abs-send-time puts it on the video's delay clock.
        let sendTime = audio.extensionIDs[AbsSendTime.uri] == nil ? nil : self.sendTime(of: packet, stream: audio)
        estimator.packetArrived(size: packet.payload.count + 12, sendTime: sendTime, now: now)
        var level: AudioLevelExtension?
        if let id = audio.extensionIDs[AudioLevelExtension.uri] {
            level = try? packet.header.extensions.value(AudioLevelExtension.self, id: id)
        }
        if let id = audio.extensionIDs[AbsCaptureTime.uri], let capture = try? packet.header.extensions.value(AbsCaptureTime.self, id: id) {
            audioCapture.record(rtpTimestamp: packet.header.timestamp, capture: capture)
        }
        let fresh = audioBuffer.insert(sequenceNumber: packet.header.sequenceNumber, entry: AudioPlayoutBuffer.Entry(
            payload: packet.payload, timestamp: packet.header.timestamp, arrival: now, level: level))
        if fresh != .duplicate {
            audioCounts?.record(sequenceNumber: packet.header.sequenceNumber, rtpTimestamp: packet.header.timestamp, arrival: now)
        }
        playAudio(now: now, wallClock: wallClock)
    }

    /// Decodes what the playout buffer releases; holes become libopus concealment, or
    /// FEC from the packet after the hole (RFC 7587 §3.3, `useinbandfec=1` in our answer).
    func playAudio(now: Instant, wallClock: NTPTimestamp) {
        guard let opusDecoder else { return }
        for output in audioBuffer.pop(now: now) {
            let samples: [Int16]
            let timestamp: UInt32
            var senderLevel: AudioLevelExtension?
            var concealed = false
            switch output {
            case .packet(let entry):
                // A corrupt packet is concealed like a lost one, so playout keeps its timing.
                guard let decoded = (try? opusDecoder.decode(entry.payload)) ?? (try? opusDecoder.concealLoss()) else { continue }
                samples = decoded
                timestamp = entry.timestamp
                senderLevel = entry.level
                if videoSSRC == nil { noteAudioLatency(entry, now: now, wallClock: wallClock) }
            case .lost(let count, let lostTimestamp, let next):
                let recovered = next.flatMap { try? opusDecoder.recover(lostBefore: $0.payload, samples: count) }
                guard let decoded = recovered ?? (try? opusDecoder.concealLoss(samples: count)) else { continue }
                samples = decoded
                timestamp = lostTimestamp
                concealed = true
                statsStore.audioPacketsConcealed += 1
            }
            let levels = levelMeter.add(samples)
            for level in levels {
                // Back to a mean square so a second's windows average as power, not as decibels.
                recentPower.append((now, Self.power(dBFS: level.rmsDBFS)))
            }
            recentPower.removeAll { now - $0.at >= .seconds(1) }
            if statsStore.firstAudioAt == nil { statsStore.firstAudioAt = now }
            events.append(.audio(DecodedAudio(samples: samples, rtpTimestamp: timestamp, levels: levels,
                                              senderLevel: senderLevel, concealed: concealed)))
        }
    }

    /// RMS of the audio decoded in the second before `now`, in dBFS (PROTOCOL.md: a full-scale
    /// sine is -3.0 dBFS); nil when none was.
    func lastSecondLevel(now: Instant) -> Double? {
        let windows = recentPower.filter { now - $0.at < .seconds(1) }
        guard !windows.isEmpty else { return nil }
        let mean = windows.reduce(0) { $0 + $1.power } / Double(windows.count)
        return mean > 0 ? max(AudioLevel.floorDBFS, 10 * log10(mean)) : AudioLevel.floorDBFS
    }

    static func power(dBFS: Double) -> Double {
        dBFS <= AudioLevel.floorDBFS ? 0 : pow(10, dBFS / 10)
    }

    /// Sessions without video (or before it arrives) have no frames to time, so the latency comes from the audio:
    /// measured from abs-capture-time when the sender carries it, else RTT/2 + playout wait.
    func noteAudioLatency(_ entry: AudioPlayoutBuffer.Entry, now: Instant, wallClock: NTPTimestamp) {
        if let capture = audioCapture.captureTime(rtpTimestamp: entry.timestamp) {
            let seconds = wallClock.secondsSince1900 - capture.secondsSince1900 - senderClockCorrection
            if (0..<30).contains(seconds) {
                lastLatency = (.nanoseconds(Int64(seconds * 1e9)), false)
                return
            }
        }
        lastLatency = ((roundTripTime ?? .zero) / 2 + (now - entry.arrival), true)
    }
}
