import Foundation
import Logging
import StreamzProtocol
import StreamzRTC

/// One session of a `DeviceAgent`: a device-role `PeerRuntime` that offers the requested tracks,
/// trickles its candidates, applies the viewer's answer, reports `session.state`, streams media
/// once connected and sends `session.stats` (sender side) every second (PROTOCOL.md §3).
actor AgentSession {
    nonisolated let id: UUID
    let session: Session
    let signalling: SignallingClient
    let runtime: PeerRuntime
    let offerOptions: DeviceOffer.Options
    let logger: Logger
    private let sender: AgentMediaSender
    private var answered = false
    /// Candidates that came before the answer: the peer cannot use them until it has one.
    private var early: [SignalMessage.Content] = []
    private var tasks: [Task<Void, Never>] = []
    private var finished = false
    private let onFinish: @Sendable (UUID, String) async -> Void

    /// Creates the runtime; `start()` sends the offer.
    /// - Throws: `SessionFailure` (`capability_missing` when none of the requested kinds has a source).
    init(request: ServerMessage.SessionRequest, sources: AgentSources, signalling: SignallingClient,
         peer: SessionPeerOptions, logger: Logger, onFinish: @escaping @Sendable (UUID, String) async -> Void) throws {
        session = request.session
        id = request.session.id
        self.signalling = signalling
        self.logger = logger
        self.onFinish = onFinish
        var kinds: [MediaKind] = []
        if session.type.wantsVideo, sources.video != .none { kinds.append(.video) }
        if session.type.wantsAudio, sources.audio != .none { kinds.append(.audio) }
        guard !kinds.isEmpty else {
            throw SessionFailure(code: "capability_missing", message: "This device has no source for a \(session.type.rawValue) session.")
        }
        var random = SystemRandomNumberGenerator()
        let ssrcs = (0..<3).map { _ in UInt32.random(in: 1...UInt32.max, using: &random) }
        offerOptions = DeviceOffer.Options(
            kinds: kinds, videoSSRC: ssrcs[0], videoRTXSSRC: ssrcs[1], audioSSRC: ssrcs[2],
            cname: String(format: "%016llx", random.next()), streamID: "streamz-\(id.wireString.prefix(8))",
            videoTrackID: "camera", audioTrackID: "microphone", sessionID: random.next() >> 2)
        do {
            runtime = try peer.makeRuntime(role: .device(offerOptions), iceServers: request.iceServers)
        } catch {
            throw SessionFailure(code: "internal", message: "Could not open the session's sockets: \(error)")
        }
        do {
            sender = try AgentMediaSender(sources: sources, kinds: kinds, options: offerOptions, quality: session.quality)
        } catch {
            runtime.close()
            throw SessionFailure(code: "internal", message: "Could not open the media sources: \(error)")
        }
    }

    /// Reports `connecting`, sends the offer with every host candidate in it, then
    /// `"candidate": null`: the runtime gathered all it will before the offer was made.
    func start() async {
        tasks.append(Task { await self.followRuntime() })
        await report(.connecting)
        do {
            let offer = try await runtime.createOffer()
            try await signalling.send(.signal(SignalMessage(sessionId: id, content: .description(.init(type: .offer, sdp: offer.sdpText)))))
            try await signalling.send(.signal(SignalMessage(sessionId: id, content: .endOfCandidates)))
        } catch {
            await fail(SessionFailure(code: "internal", message: "Could not send the offer: \(error)"))
        }
    }

    /// A `signal` from the viewer: its answer, or trickled candidates.
    func receive(_ content: SignalMessage.Content) async {
        guard !finished else { return }
        do {
            switch content {
            case .description(let description):
                guard description.type == .answer, !answered else {
                    logger.warning("Ignoring an unexpected description", metadata: ["session": "\(id)", "type": "\(description.type)"])
                    return
                }
                try await runtime.applyAnswer(try SessionDescription(parsing: description.sdp))
                answered = true
                let waiting = early
                early = []
                for candidate in waiting { try await runtime.apply(candidate) }
            case .candidate, .endOfCandidates:
                if answered { try await runtime.apply(content) } else { early.append(content) }
            }
        } catch let error as RTCPeerError {
            if case .invalidCandidate = error {
                // One bad candidate does not end the session: the others may work (RFC 8839 §5.1).
                logger.warning("Ignoring a remote candidate", metadata: ["session": "\(id)", "error": "\(error)"])
                return
            }
            await fail(SessionFailure(peerError: error))
        } catch {
            await fail(SessionFailure(peerError: error))
        }
    }

    /// `session.quality` from the viewer: new encoder targets without renegotiation.
    func applyQuality(_ quality: Quality) async {
        await sender.setQuality(quality)
    }

    /// The session ended (the server said so, or the agent stops): stops media and closes the peer.
    func end(reason: String) async {
        guard !finished else { return }
        finished = true
        tasks.forEach { $0.cancel() }
        await sender.stop()
        runtime.close()
        await onFinish(id, reason)
    }

    private func fail(_ failure: SessionFailure) async {
        guard !finished else { return }
        logger.warning("Session failed", metadata: ["session": "\(id)", "reason": "\(failure.reason)"])
        await end(reason: failure.reason)
        await report(.failed, reason: failure.reason)
    }

    private func report(_ state: SessionState, reason: String? = nil) async {
        do {
            try await signalling.send(.sessionState(.init(sessionId: id, state: state, reason: reason)))
        } catch {
            logger.debug("Could not report the session state", metadata: ["session": "\(id)", "error": "\(error)"])
        }
    }

    /// Reacts to the runtime's events until it closes.
    private func followRuntime() async {
        for await event in runtime.events {
            switch event {
            case .localCandidate(let candidate):
                try? await signalling.send(.signal(SignalMessage(sessionId: id, content: .candidate(candidate.signalInit))))
            case .connected:
                await report(.connected)
                await sender.start(runtime: runtime, logger: logger)
                tasks.append(Task { await self.reportStats() })
            case .failed(let failure):
                await fail(SessionFailure(failure))
            case .rtcpReceived(let packets):
                await sender.receive(packets)
            default:
                break
            }
        }
    }

    /// `session.stats` with the sender's figures every second (PROTOCOL.md §3 "Statistics").
    private func reportStats() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(1)) } catch { return }
            guard let transport = try? await runtime.stats() else { return }
            var stats = await sender.stats()
            stats.apply(transport)
            stats.updatedAt = Date()
            try? await signalling.send(.sessionStats(.init(sessionId: id, stats: stats)))
        }
    }
}

extension SessionStats {
    /// The transport's part of the stats: the selected pair's types and RTT from ICE's checks
    /// (kept when RTCP already gave one, which covers the media path itself).
    mutating func apply(_ peer: PeerRuntimeStats) {
        apply(pair: peer.selectedPair)
        if rttMs == nil, let rtt = peer.roundTripTime {
            rttMs = Double(rtt.components.seconds) * 1000 + Double(rtt.components.attoseconds) / 1e15
        }
    }

    /// Connection and candidate types of the selected pair (PROTOCOL.md §4: `relay` when either
    /// end is a relay candidate).
    mutating func apply(pair: RTCSelectedPair?) {
        guard let pair else { return }
        connectionType = pair.connectionType == .relay ? .relay : .p2p
        localCandidateType = CandidateType(rawValue: pair.localType.rawValue)
        remoteCandidateType = CandidateType(rawValue: pair.remoteType.rawValue)
        transport = "udp"
    }
}
