/// A full ICE agent (RFC 8445) for one component, sans-IO.
///
/// Feed it received STUN datagrams with `handle(_:now:)` and wake it with
/// `handleTimeout(now:)`; after either, drain `pollOutput()` until it returns `.timeout`.
/// It never touches sockets or clocks: every send is a `.transmit` naming the socket,
/// and time only comes in as `now`.
///
/// ```swift
/// var agent = ICEAgent(role: .controlling, localCredentials: .random(using: &rng), seed: rng.next())
/// agent.addLocalCandidate(address: hostAddress, socket: ICESocketID(0))   // signal the result
/// agent.setRemoteCredentials(ICECredentials(ufrag: remoteUfrag, password: remotePassword))
/// agent.addRemoteCandidate(try ICECandidate(sdp: remoteCandidateLine))
/// agent.handleTimeout(now: now)
/// while true {
///     switch agent.pollOutput() {
///     case .transmit(let t): send(t.bytes, from: t.socket, to: t.destination)
///     case .event(let e): react(to: e)          // state, selected pair, gathered candidates
///     case .timeout(let at): wakeUp(at); return // then handleTimeout(now:)
///     }
/// }
/// ```
public struct ICEAgent: Sendable {
    public let config: ICEAgentConfig
    public internal(set) var role: ICERole
    public internal(set) var localCredentials: ICECredentials
    public internal(set) var remoteCredentials: ICECredentials?
    public internal(set) var state: ICEConnectionState = .new
    public internal(set) var gatheringState: ICEGatheringState = .new
    public internal(set) var localCandidates: [ICELocalCandidate] = []
    /// Remote candidates of the current ICE generation (signalled and peer-reflexive).
    public var remoteCandidates: [ICECandidate] {
        remotes.indices.filter { remoteGenerations[$0] == generation }.map { remotes[$0] }
    }
    /// Remote candidates not used, with why (mDNS names, TCP, other generations).
    public internal(set) var skippedRemoteCandidates: [(candidate: ICECandidate, reason: ICECandidateSkipReason)] = []
    public internal(set) var remoteEndOfCandidates = false
    /// Incoming datagrams not acted on, by reason.
    public internal(set) var dropCounts: [ICEDropReason: Int] = [:]

    /// RFC 8445 §7.3.1.1: a random 64-bit number for role conflicts.
    var tieBreaker: UInt64
    var random: SeededRandom
    var pairs: [Pair] = []
    /// All remote candidates ever added, with the ICE generation (restart count) each belongs to.
    var remotes: [ICECandidate] = []
    var remoteGenerations: [Int] = []
    var generation = 0
    var transactions: [Transaction] = []
    var triggered: [TriggeredCheck] = []
    var gatherings: [Gathering] = []
    var selected: Int?
    var lastPacedAt: Instant?
    var now: Instant = .zero
    var firstValidAt: Instant?
    var nextConsentAt: Instant?
    var lastCandidateChangeAt: Instant = .zero
    var consentLost = false
    var outputs: [ICEOutput] = []

    public init(role: ICERole, localCredentials: ICECredentials, config: ICEAgentConfig = ICEAgentConfig(), seed: UInt64) {
        self.config = config
        self.role = role
        self.localCredentials = localCredentials
        self.random = SeededRandom(seed: seed)
        self.tieBreaker = random.next()
    }

    // MARK: - Candidates and credentials

    /// Adds a local candidate the runtime owns, computing its priority and foundation
    /// (RFC 8445 §5.1.2, §5.1.1.3), and starts gathering from any STUN servers for host ones.
    /// - `base`: where its packets leave from; the address itself for host and relay candidates.
    /// - `relatedAddress`: `raddr`/`rport`; for a relay candidate, the allocation's mapped address.
    /// - `server`: the STUN/TURN server it came from, part of the foundation.
    /// - `socket`: the runtime's socket, or for a relay candidate the TURN allocation's identity.
    /// Returns the candidate to signal to the peer.
    @discardableResult
    public mutating func addLocalCandidate(
        address: TransportAddress, socket: ICESocketID, type: ICECandidateType = .host,
        base: TransportAddress? = nil, relatedAddress: TransportAddress? = nil, server: TransportAddress? = nil,
        localPreference: UInt16 = 65535
    ) -> ICECandidate {
        let base = base ?? address
        let related = relatedAddress ?? (type == .host ? nil : base)
        let candidate = ICECandidate(
            foundation: ICECandidate.foundation(type: type, baseIP: base.ip, server: server),
            priority: ICECandidate.priority(type: type, localPreference: localPreference),
            host: .ip(address.ip), port: address.port, type: type,
            relatedHost: related.map { .ip($0.ip) }, relatedPort: related?.port,
            ufrag: localCredentials.ufrag)
        if let existing = localCandidates.first(where: { $0.candidate.address == address && $0.socket == socket }) {
            return existing.candidate
        }
        localCandidates.append(ICELocalCandidate(candidate: candidate, base: base, socket: socket))
        let index = localCandidates.count - 1
        if type == .host {
            for server in stunServers { addGathering(local: index, server: server) }
        }
        if isPairable(index) {
            for remote in remotes.indices where remoteGenerations[remote] == generation {
                formPair(local: index, remote: remote)
            }
        }
        updateGatheringState()
        return candidate
    }

    /// STUN servers to gather server-reflexive candidates from (RFC 8445 §5.1.1.2).
    public internal(set) var stunServers: [TransportAddress] = []

    public mutating func addSTUNServer(_ server: TransportAddress) {
        guard !stunServers.contains(server) else { return }
        stunServers.append(server)
        for (index, local) in localCandidates.enumerated() where local.candidate.type == .host {
            addGathering(local: index, server: server)
        }
        updateGatheringState()
    }

    /// The peer's ufrag and password from its SDP. A different ufrag than before is a remote
    /// ICE restart (RFC 8445 §9): the checklist starts over.
    public mutating func setRemoteCredentials(_ credentials: ICECredentials) {
        if let current = remoteCredentials, current.ufrag != credentials.ufrag {
            resetChecklist()
        }
        remoteCredentials = credentials
        if state == .new { setState(.checking) }
    }

    /// Adds a remote candidate (from the SDP or trickled). Returns nil when it is in use, the
    /// reason when it was skipped, or `.noMatchingLocalCandidate` when it is kept but not paired
    /// yet (it pairs as soon as a local candidate of its address family is added).
    @discardableResult
    public mutating func addRemoteCandidate(_ candidate: ICECandidate) -> ICECandidateSkipReason? {
        if let reason = skipReason(for: candidate) {
            skippedRemoteCandidates.append((candidate, reason))
            return reason
        }
        if let index = currentRemoteIndex(for: candidate.address) {
            // A signalled candidate replaces the peer-reflexive one learned from a check (RFC 8445 §7.3.1.3).
            guard remotes[index].type == .peerReflexive else {
                skippedRemoteCandidates.append((candidate, .duplicate))
                return .duplicate
            }
            remotes[index] = candidate
            recomputePriorities()
            return nil
        }
        let remote = appendRemote(candidate)
        lastCandidateChangeAt = now
        var paired = false
        for local in localCandidates.indices where isPairable(local) {
            paired = formPair(local: local, remote: remote) || paired
        }
        if state == .new { setState(.checking) }
        return paired ? nil : .noMatchingLocalCandidate
    }

    /// The peer signalled `a=end-of-candidates` (RFC 8838 §4.4).
    public mutating func setRemoteEndOfCandidates() {
        remoteEndOfCandidates = true
    }

    /// Starts an ICE restart from our side (RFC 8445 §9) with new local credentials: the
    /// checklist and remote state start over; the selected pair stays usable until replaced.
    public mutating func restart(localCredentials: ICECredentials) {
        self.localCredentials = localCredentials
        for index in localCandidates.indices { localCandidates[index].candidate.ufrag = localCredentials.ufrag }
        remoteCredentials = nil
        resetChecklist()
    }

    /// Stops everything: no more transmissions, timers or events after `.closed`.
    public mutating func close() {
        guard state != .closed else { return }
        transactions.removeAll()
        triggered.removeAll()
        setState(.closed)
    }

    // MARK: - Observation

    /// The pair media should use: the nominated one once there is one, else the best valid pair.
    public var selectedPair: ICEPairSnapshot? { selected.map(snapshot) }

    /// Round-trip time of the selected pair, from its latest check or consent response.
    public var roundTripTime: Duration? { selected.flatMap { pairs[$0].roundTripTime } }

    /// True when `remote` on `socket` belongs to a valid pair: the peer accepts DTLS and RTP
    /// only from such addresses, so a stranger cannot inject into the session.
    public func hasValidPair(remote: TransportAddress, socket: ICESocketID) -> Bool {
        pairs.contains { pair in
            pair.isValid && !pair.retired && remotes[pair.remote].address == remote && localCandidates[pair.local].socket == socket
        } || selected.map { remotes[pairs[$0].remote].address == remote && localCandidates[pairs[$0].local].socket == socket } == true
    }

    /// Every pair with its state: the list of what was tried, for error messages on failure.
    public var checklist: [ICEPairSnapshot] { pairs.indices.map(snapshot) }

    // MARK: - Driving

    /// Handles a received STUN datagram (requests, responses and indications).
    public mutating func handle(_ datagram: ICEReceivedDatagram, now: Instant) {
        advance(to: now)
        guard state != .closed else { return drop(.agentClosed) }
        let message: STUNMessage
        do {
            message = try STUNMessage(parsing: datagram.bytes)
        } catch {
            return drop(.malformed)
        }
        if message.hasFingerprint, !message.verifyFingerprint() { return drop(.badFingerprint) }
        guard message.type.method == .binding else { return drop(.unexpectedMessage) }
        switch message.type.messageClass {
        case .request: handleRequest(message, datagram: datagram)
        case .successResponse, .errorResponse: handleResponse(message, datagram: datagram)
        // Binding indications are keepalives (RFC 8445 §11): nothing to do.
        case .indication: break
        }
        evaluate()
    }

    /// Runs due timers: retransmissions, paced checks, nomination, consent and state changes.
    public mutating func handleTimeout(now: Instant) {
        advance(to: now)
        guard state != .closed else { return }
        runTransactionTimers()
        runPacer()
        runNomination()
        runConsent()
        evaluate()
    }

    /// The next output: transmissions first, then events, then when to call `handleTimeout`.
    public mutating func pollOutput() -> ICEOutput {
        if let index = outputs.firstIndex(where: { if case .transmit = $0 { true } else { false } }) {
            return outputs.remove(at: index)
        }
        if !outputs.isEmpty { return outputs.removeFirst() }
        return .timeout(nextTimeout())
    }

    // MARK: - Helpers shared by the extensions

    mutating func advance(to now: Instant) {
        if now > self.now { self.now = now }
    }

    mutating func drop(_ reason: ICEDropReason) {
        dropCounts[reason, default: 0] += 1
    }

    mutating func emit(_ event: ICEEvent) {
        outputs.append(.event(event))
    }

    mutating func transmit(socket: ICESocketID, source: TransportAddress, destination: TransportAddress, bytes: [UInt8]) {
        outputs.append(.transmit(ICETransmit(socket: socket, source: source, destination: destination, bytes: bytes)))
    }

    mutating func setState(_ newState: ICEConnectionState) {
        guard state != newState else { return }
        state = newState
        emit(.stateChanged(newState))
    }

    func snapshot(_ index: Int) -> ICEPairSnapshot {
        let pair = pairs[index]
        let local = localCandidates[pair.local]
        let remote = remotes[pair.remote]
        return ICEPairSnapshot(
            local: local.candidate, localBase: local.base, socket: local.socket, remote: remote,
            remoteAddress: remote.address ?? TransportAddress(ip: .v4(0, 0, 0, 0), port: 0),
            state: pair.state, priority: pair.priority, isValid: pair.isValid, nominated: pair.nominated,
            roundTripTime: pair.roundTripTime, requestsSent: pair.requestsSent, responsesReceived: pair.responsesReceived)
    }
}
