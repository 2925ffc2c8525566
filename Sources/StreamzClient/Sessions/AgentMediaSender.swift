import Foundation
import Logging
import StreamzProtocol
import StreamzRTC

/// The media of one agent session: takes frames from the sources in real time, runs them
/// through the sans-IO `MediaSender` (encode or pass through, packetize, NACK history, sender
/// reports) and hands the packets to the session's `PeerRuntime`. The actor owns the sender and
/// the sources, so the video and audio timers and RTCP from the viewer never race.
actor AgentMediaSender {
    private let kinds: [MediaKind]
    private let options: DeviceOffer.Options
    private var quality: QualityPreset
    private var video: (any VideoSource)?
    private var audio: (any AudioSource)?
    /// The pattern, when the video source is one: it renders at the sender's target size.
    private var pattern: TestPatternSource?
    private var sender: MediaSender?
    private var runtime: PeerRuntime?
    private var logger = Logger(label: "streamz.device")
    private var tasks: [Task<Void, Never>] = []

    /// Opens the sources now, so a bad file fails the session before it is offered.
    init(sources: AgentSources, kinds: [MediaKind], options: DeviceOffer.Options, quality: Quality) throws {
        self.kinds = kinds
        self.options = options
        let preset = QualityPreset(quality)
        self.quality = preset
        let opened = try sources.open(kinds: kinds, target: preset.video)
        video = opened.video
        audio = opened.audio
        pattern = opened.video as? TestPatternSource
    }

    /// Starts streaming over `runtime`, which must be connected: one timer per track, paced by
    /// the frames' own durations, and the RTCP sender-report timer.
    func start(runtime: PeerRuntime, logger: Logger) async {
        guard sender == nil else { return }
        self.runtime = runtime
        self.logger = logger
        do {
            let negotiated = try await runtime.perform { peer, _ in peer.negotiated }
            guard let negotiated else { throw MediaSessionError.invalidInput("no negotiated media") }
            var random = SystemRandomNumberGenerator()
            sender = try MediaSender(configuration: MediaSenderConfiguration(options: options, quality: quality, seed: random.next()),
                                     negotiated: negotiated)
        } catch {
            logger.error("Cannot send media", metadata: ["error": "\(error)"])
            return
        }
        if video != nil { tasks.append(Self.pace { await self.sendVideoFrame() }) }
        if audio != nil { tasks.append(Self.pace { await self.sendAudioFrame() }) }
        tasks.append(Task { [weak self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: .milliseconds(100)) } catch { return }
                await self?.sendReports()
            }
        })
    }

    /// Ends the timers and says goodbye (RTCP BYE, RFC 3550 §6.6) when still connected.
    func stop() async {
        tasks.forEach { $0.cancel() }
        tasks = []
        if let sender, let runtime {
            let (now, wall) = Self.clocks()
            try? await runtime.sendRTCP(sender.goodbye(now: now, wallClock: wall))
        }
        sender = nil
        runtime = nil
    }

    /// New preset from `session.quality`: the sender retargets its encoder, the pattern follows.
    func setQuality(_ quality: Quality) {
        let preset = QualityPreset(quality)
        self.quality = preset
        sender?.setQuality(preset, now: MonotonicClock.now())
        applySenderEvents()
    }

    /// RTCP from the viewer: NACKs answered with retransmissions, PLI/FIR make a keyframe, RR and
    /// REMB feed the stats and `auto`.
    func receive(_ packets: [RTCPPacket]) async {
        guard let sender, let runtime else { return }
        let (now, wall) = Self.clocks()
        let resent = sender.handle(rtcp: packets, now: now, wallClock: wall)
        applySenderEvents()
        if !resent.isEmpty { try? await runtime.sendRTP(resent) }
    }

    /// The sender's side of `session.stats`.
    func stats() -> SessionStats {
        guard let sender else { return SessionStats() }
        return SessionStats(sender.stats(now: MonotonicClock.now()).stats)
    }

    // MARK: Timers

    /// Calls `step` again after the duration it returns, against an absolute schedule so pacing
    /// does not drift by the time each step takes; nil ends the loop. A schedule more than a
    /// second behind (a stalled machine) restarts from now instead of bursting to catch up.
    private static func pace(_ step: @escaping @Sendable () async -> Duration?) -> Task<Void, Never> {
        Task {
            var due = ContinuousClock.now
            while !Task.isCancelled {
                guard let interval = await step() else { return }
                due += interval
                let now = ContinuousClock.now
                if now - due > .seconds(1) { due = now }
                do { try await Task.sleep(until: due, clock: .continuous) } catch { return }
            }
        }
    }

    private func sendVideoFrame() async -> Duration? {
        guard let video, let sender, let runtime else { return nil }
        let (now, wall) = Self.clocks()
        do {
            let frame = try video.nextFrame(captureTimeMilliseconds: Self.unixMilliseconds(wall))
            let packets: [RTPPacket] = switch frame.content {
            case .picture(let picture): try sender.sendVideo(picture, captureTime: wall, now: now)
            case .vp8(let data, _): try sender.sendEncodedVideo(data, captureTime: wall, now: now)
            }
            applySenderEvents()
            if !packets.isEmpty { try await runtime.sendRTP(packets) }
            return frame.duration
        } catch {
            stopped("Video", by: error)
            return nil
        }
    }

    private func sendAudioFrame() async -> Duration? {
        guard let audio, let sender, let runtime else { return nil }
        let (now, wall) = Self.clocks()
        do {
            let frame = try audio.nextFrame()
            let packets: [RTPPacket] = switch frame.content {
            case .pcm(let samples): try sender.sendAudio(samples, captureTime: wall, now: now)
            case .opus(let packet): try sender.sendEncodedAudio(packet, samples: frame.sampleCount, captureTime: wall, now: now)
            }
            if !packets.isEmpty { try await runtime.sendRTP(packets) }
            return frame.duration
        } catch {
            stopped("Audio", by: error)
            return nil
        }
    }

    /// A track's timer ended on `error`. The viewer closing its side (DTLS close_notify) closes
    /// ours before `session.ended` arrives; that is the normal end, not worth an error line.
    private func stopped(_ track: String, by error: any Error) {
        let peerGone = (error as? RTCPeerError) == .notConnected || error is PeerRuntime.Failure
        logger.log(level: peerGone ? .debug : .error, "\(track) stopped", metadata: ["error": "\(error)"])
    }

    private func sendReports() async {
        guard let sender, let runtime else { return }
        let (now, wall) = Self.clocks()
        if let reports = sender.poll(now: now, wallClock: wall) { try? await runtime.sendRTCP(reports) }
    }

    /// Keyframe requests go to pass-through sources (IVF skips to its next keyframe); target
    /// changes resize the pattern, so the encoder is not left scaling (`auto`, `session.quality`).
    private func applySenderEvents() {
        while let event = sender?.pollEvent() {
            switch event {
            case .keyframeRequested:
                video?.requestKeyframe()
            case .videoTargetChanged(let target):
                do {
                    try pattern?.configure(width: target.width, height: target.height, framesPerSecond: target.framesPerSecond)
                } catch {
                    logger.warning("The pattern cannot take the new size", metadata: ["error": "\(error)"])
                }
            default:
                break
            }
        }
    }

    /// The monotonic instant for the sans-IO sender, and the wall clock for capture times
    /// (abs-capture-time and the pattern's code are wall-clock, so the viewer can subtract).
    private static func clocks() -> (Instant, NTPTimestamp) {
        (MonotonicClock.now(), NTPTimestamp(unixSeconds: Date().timeIntervalSince1970))
    }

    /// Unix milliseconds of an NTP time (RFC 5905 §6: 32-bit seconds since 1900, 32-bit fraction).
    static func unixMilliseconds(_ time: NTPTimestamp) -> UInt64 {
        let seconds = UInt64(time.seconds) &- NTPTimestamp.unixEpochOffset
        return seconds &* 1000 &+ ((UInt64(time.fraction) &* 1000) >> 32)
    }
}

extension QualityPreset {
    /// The wire quality's preset (same names, PROTOCOL.md §2).
    init(_ quality: Quality) {
        self = QualityPreset(rawValue: quality.rawValue) ?? .medium
    }
}

extension SessionStats {
    /// The media figures of StreamzRTC in the wire shape; the transport's are added by `apply(_:)`.
    init(_ media: MediaStats) {
        self.init(rttMs: media.rttMs, latencyMs: media.latencyMs, latencyEstimated: media.latencyEstimated,
                  jitterMs: media.jitterMs, packetsLost: media.packetsLost, packetLossRatio: media.packetLossRatio,
                  bitrateKbps: media.bitrateKbps, framesPerSecond: media.framesPerSecond, width: media.width,
                  height: media.height, audioLevelDb: media.audioLevelDb)
    }
}
