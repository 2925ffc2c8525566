import Foundation
import Logging
import StreamzProtocol
import StreamzRTC

/// The viewer's side of one session (PROTOCOL.md §3): answers the device's offer recvonly, trickles,
/// reports `session.state`, decodes what arrives, and reports `session.stats` every second.
///
/// The caller owns the signalling connection and its event loop, and hands this session what
/// concerns it (`receive(_:)` for its `signal`s, `serverEnded(reason:)` for its `session.ended`),
/// so one connection can carry several sessions (the monitor's grid).
///
/// ```swift
/// let viewer = try await ViewerSession.start(deviceId: id, type: .both, quality: .medium, on: signalling)
/// // in the signalling loop: await viewer.receive(signal.content) / await viewer.serverEnded(reason:)
/// for await event in viewer.events { … }        // .state, .videoFrame, .audioLevel, .stats, .failed
/// ```
public actor ViewerSession {
    public struct Options: Sendable {
        public var peer: SessionPeerOptions
        /// The viewer gives up with `timeout` when not connected this long after the request (the
        /// server fails the session after 15 s; this is the bound in case its word does not come).
        public var connectTimeout: Duration
        public var statsInterval: Duration
        public var logger: Logger

        public init(peer: SessionPeerOptions = SessionPeerOptions(), connectTimeout: Duration = .seconds(20),
                    statsInterval: Duration = .seconds(1), logger: Logger = Logger(label: "streamz.viewer")) {
            self.peer = peer
            self.connectTimeout = connectTimeout
            self.statsInterval = statsInterval
            self.logger = logger
        }
    }

    public nonisolated let session: Session
    public nonisolated var id: UUID { session.id }
    /// Everything the session reports; finishes after `.ended` or `.failed`.
    public nonisolated let events: AsyncStream<ViewerSessionEvent>
    let eventSink: AsyncStream<ViewerSessionEvent>.Continuation
    let signalling: SignallingClient
    let runtime: PeerRuntime
    let options: Options
    let requestedAt: ContinuousClock.Instant
    /// Created with the answer, from what was negotiated.
    var receiver: ViewerMediaReceiver?
    /// The last figures reported, kept for `finalStats()`.
    private var lastStats = ViewerStats()
    /// The pair ICE selected, for the connection type of `finalStats()` in a short session.
    private var selectedPair: RTCSelectedPair?
    private var answered = false
    private var connected = false
    /// Candidates that came before the offer: the peer cannot use them until it has one.
    private var early: [SignalMessage.Content] = []
    private var tasks: [Task<Void, Never>] = []
    private(set) var finished = false

    /// A session the server has acknowledged. `requestedAt` is when `session.start` was sent, the
    /// origin of `timeToFirstFrameMs` (PROTOCOL.md §5).
    public init(session: Session, iceServers: [ICEServer], signalling: SignallingClient, options: Options = Options(),
                requestedAt: ContinuousClock.Instant = .now) async throws(SessionFailure) {
        self.session = session
        self.signalling = signalling
        self.options = options
        var wanted: Set<MediaKind> = []
        if session.type.wantsVideo { wanted.insert(.video) }
        if session.type.wantsAudio { wanted.insert(.audio) }
        do {
            runtime = try options.peer.makeRuntime(role: .viewer(wanting: wanted), iceServers: iceServers)
        } catch {
            throw SessionFailure(code: "internal", message: "Could not open the session's sockets: \(error)")
        }
        self.requestedAt = requestedAt
        (events, eventSink) = AsyncStream.makeStream(of: ViewerSessionEvent.self)
        let timeout = options.connectTimeout
        tasks.append(Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.connectDeadlinePassed()
        })
    }

    /// Sends `session.start` and waits for the server's `ack` (PROTOCOL.md §3), then returns the
    /// session ready for the device's offer.
    /// - Throws: `SessionFailure` with the server's code (`device_offline`, `capability_missing`, …).
    public static func start(deviceId: UUID, type: SessionType, quality: Quality, on signalling: SignallingClient,
                             options: Options = Options()) async throws(SessionFailure) -> ViewerSession {
        let requestedAt = ContinuousClock.now
        let ack: ServerMessage.Ack
        do {
            ack = try await signalling.request(.sessionStart(.init(deviceId: deviceId, sessionType: type, quality: quality)))
        } catch {
            throw SessionFailure(error)
        }
        guard let session = ack.session else {
            throw SessionFailure(code: "unexpected_response", message: "The server acknowledged session.start without a session.")
        }
        let iceServers = await signalling.welcome?.iceServers ?? []
        return try await ViewerSession(session: session, iceServers: iceServers, signalling: signalling, options: options,
                                 requestedAt: requestedAt)
    }

    /// A `signal` of this session: the device's offer, or its candidates.
    public func receive(_ content: SignalMessage.Content) async {
        guard !finished else { return }
        do {
            switch content {
            case .description(let description):
                guard description.type == .offer, !answered else {
                    options.logger.warning("Ignoring an unexpected description", metadata: ["session": "\(id)"])
                    return
                }
                try await answer(description.sdp)
            case .candidate, .endOfCandidates:
                if answered { try await runtime.apply(content) } else { early.append(content) }
            }
        } catch let failure as SessionFailure {
            await fail(failure)
        } catch let error as RTCPeerError {
            if case .invalidCandidate = error {
                // One bad candidate does not end the session: the others may work (RFC 8839 §5.1).
                options.logger.warning("Ignoring a remote candidate", metadata: ["session": "\(id)", "error": "\(error)"])
                return
            }
            await fail(SessionFailure(peerError: error))
        } catch {
            await fail(SessionFailure(peerError: error))
        }
    }

    /// The server ended the session (`session.ended`). Before `connected` that is a failure with
    /// the server's reason (`timeout`, `peer_disconnected`, the device's `unsupported_codec`, …).
    public func serverEnded(reason: String) {
        guard !finished else { return }
        if connected {
            finish(.ended(reason: reason))
        } else {
            finish(.failed(SessionFailure(reason: reason)))
        }
    }

    /// Ends the session from this side: `session.end` to the server, then closes.
    public func stop(reason: String = "viewer_stopped") async {
        guard !finished else { return }
        if connected, let bye = receiver?.goodbye(at: MonotonicClock.now(), reason: reason) {
            try? await runtime.sendRTCP(bye)
        }
        guard !finished else { return }
        finish(.ended(reason: reason))
        try? await signalling.send(.sessionEnd(.init(sessionId: id, reason: reason)))
    }

    /// Asks the device for another quality, live (`session.quality`, PROTOCOL.md §3).
    public func setQuality(_ quality: Quality) async throws(SignallingError) {
        try await signalling.send(.sessionQuality(.init(sessionId: id, quality: quality)))
    }

    /// The counters as they stand now, with the transport figures of the last report (the
    /// runtime is closed once the session ended): what `watch` prints in its summary.
    public func finalStats() -> ViewerStats {
        guard var stats = receiver?.stats(at: MonotonicClock.now()) else { return lastStats }
        stats.report.apply(pair: selectedPair)
        stats.report.rttMs = stats.report.rttMs ?? lastStats.report.rttMs
        return stats
    }

    private func answer(_ sdp: String) async throws {
        let offer = try SessionDescription(parsing: sdp)
        tasks.append(Task { await self.followRuntime() })
        let answer = try await runtime.acceptOffer(offer)
        answered = true
        let negotiated = try await runtime.perform { peer, _ in peer.negotiated }
        guard let negotiated else { throw SessionFailure(code: "internal", message: "The answer negotiated no media.") }
        do {
            receiver = try ViewerMediaReceiver(negotiated: negotiated, type: session.type, requestedAt: requestedAt)
        } catch {
            throw SessionFailure(code: "internal", message: "Could not create the decoders: \(error)")
        }
        try await signalling.send(.signal(SignalMessage(sessionId: id, content: .description(.init(type: .answer, sdp: answer.sdpText)))))
        try await signalling.send(.signal(SignalMessage(sessionId: id, content: .endOfCandidates)))
        await report(.connecting)
        eventSink.yield(.state(.connecting))
        let waiting = early
        early = []
        for candidate in waiting { try await runtime.apply(candidate) }
    }

    private func connectDeadlinePassed() async {
        guard !connected, !finished else { return }
        await fail(SessionFailure(code: "timeout", message: "Not connected within \(options.connectTimeout) of the request."))
    }

    func fail(_ failure: SessionFailure) async {
        guard !finished else { return }
        finish(.failed(failure))
        await report(.failed, reason: failure.reason)
    }

    private func finish(_ last: ViewerSessionEvent) {
        finished = true
        tasks.forEach { $0.cancel() }
        runtime.close()
        eventSink.yield(last)
        eventSink.finish()
    }

    private func report(_ state: SessionState, reason: String? = nil) async {
        try? await signalling.send(.sessionState(.init(sessionId: id, state: state, reason: reason)))
    }

    /// Reacts to the runtime's events until it closes: media into the receiver, its feedback out.
    private func followRuntime() async {
        for await event in runtime.events {
            guard !finished else { return }
            switch event {
            case .localCandidate(let candidate):
                try? await signalling.send(.signal(SignalMessage(sessionId: id, content: .candidate(candidate.signalInit))))
            case .connected:
                connected = true
                await report(.connected)
                eventSink.yield(.state(.connected))
                tasks.append(Task { await self.tick() })
                tasks.append(Task { await self.reportStats() })
            case .selectedPair(let pair):
                selectedPair = pair
            case .failed(let failure):
                await fail(SessionFailure(failure))
            case .rtpReceived(let packet, let kind):
                if let output = receiver?.receive(packet, kind: kind, at: MonotonicClock.now()) { deliver(output) }
            case .rtcpReceived(let packets):
                receiver?.receive(packets, at: MonotonicClock.now())
            default:
                break
            }
        }
    }

    private func deliver(_ output: ViewerMediaReceiver.Output) {
        for frame in output.frames { eventSink.yield(.videoFrame(frame)) }
        for level in output.levels { eventSink.yield(.audioLevel(level)) }
        if !output.feedback.isEmpty {
            let runtime = runtime, feedback = output.feedback
            Task { try? await runtime.sendRTCP(feedback) }
        }
    }

    /// Drives the receiver's timers (NACK retries, PLI, receiver reports) every 20 ms.
    private func tick() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: .milliseconds(20)) } catch { return }
            if let output = receiver?.poll(at: MonotonicClock.now()) { deliver(output) }
        }
    }

    /// `session.stats` every `statsInterval` (PROTOCOL.md §3), and the same figures as an event.
    private func reportStats() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: options.statsInterval) } catch { return }
            guard !finished, let transport = try? await runtime.stats() else { return }
            receiver?.setICERoundTripTime(transport.roundTripTime)
            guard var stats = receiver?.stats(at: MonotonicClock.now()) else { continue }
            stats.report.apply(transport)
            stats.report.updatedAt = Date()
            lastStats = stats
            try? await signalling.send(.sessionStats(.init(sessionId: id, stats: stats.report)))
            eventSink.yield(.stats(stats))
        }
    }
}
