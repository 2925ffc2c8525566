/// One WebRTC peer connection as a sans-IO state machine (after str0m): datagrams and time come in
/// through `handle(_:now:)`, then `pollOutput()` yields datagrams to send and events until it
/// returns `.timeout(next)`. ICE picks the path, DTLS runs over it (RFC 8842), SRTP protects the
/// media with the exported keys (RFC 5764), and every datagram is demultiplexed by its first
/// byte (RFC 7983) in `receive`.
///
/// ```swift
/// let peer = RTCPeer(config)
/// let host = peer.addLocalCandidate(address: bound, socket: ICESocketID(0))
/// let answer = try peer.acceptOffer(offer, now: now)      // viewer; a device calls createOffer/applyAnswer
/// peer.handle(.receive(datagram), now: now)                // or .timeout once `next` has passed
/// drain: while true {
///     switch peer.pollOutput() {
///     case .transmit(let t): send(t.bytes, from: t.socket, to: t.destination)
///     case .event(let event): react(to: event)
///     case .timeout(let next): wakeUp(at: next); break drain
///     }
/// }
/// ```
///
/// Not `Sendable`: one owner (the runtime's thread) drives it.
public final class RTCPeer {
    public let config: RTCPeerConfig
    var ice: ICEAgent
    var dtls: DTLSTransport?
    var srtpSender: SRTPSender?
    var srtpReceiver: SRTPReceiver?
    var deviceOffer: DeviceOffer?
    public internal(set) var negotiated: NegotiatedMedia?
    public internal(set) var localDescription: SessionDescription?
    public internal(set) var isConnected = false
    public internal(set) var failure: RTCPeerFailure?
    var closed = false
    var outputs: [RTCPeerOutput] = []
    /// Index of the next output to hand out: popping from the front of an array is O(n).
    var outputHead = 0
    var iceTimeout: Instant?
    var earlyDatagrams: [RTCPeerDatagram] = []
    /// A subsequent offer of ours waits for its answer.
    var awaitingAnswer = false
    /// Our credentials before the restart that offer started: restored if the answer shows the
    /// remote side did not restart.
    var credentialsBeforeRestart: ICECredentials?
    /// The `o=` session version of our next description (RFC 3264 §8: +1 per new one).
    var nextSessionVersion = 3
    /// Datagrams and packets dropped, by reason (unvalidated source, SRTP failures, garbage).
    public internal(set) var dropCounts: [String: Int] = [:]

    public init(_ config: RTCPeerConfig) {
        self.config = config
        let role: ICERole = switch config.role {
        case .device: .controlling
        case .viewer: .controlled
        }
        ice = ICEAgent(role: role, localCredentials: config.iceCredentials, config: config.ice, seed: config.seed)
    }

    /// Adds a host candidate for a bound socket. Before our description exists it goes inline;
    /// afterwards it is also emitted as `.localCandidate` for trickle. Several host candidates
    /// need distinct `localPreference`s (RFC 8445 §5.1.2.1).
    @discardableResult
    public func addLocalCandidate(address: TransportAddress, socket: ICESocketID, localPreference: UInt16 = 65535) -> ICECandidate {
        let candidate = ice.addLocalCandidate(address: address, socket: socket, localPreference: localPreference)
        if localDescription != nil { outputs.append(.event(.localCandidate(candidate))) }
        return candidate
    }

    /// Feeds one input, then drains the components into the output queue.
    public func handle(_ input: RTCPeerInput, now: Instant) {
        guard !closed else { return }
        switch input {
        case .receive(let datagram):
            receive(datagram, now: now)
        case .timeout:
            if let iceTimeout, iceTimeout <= now { ice.handleTimeout(now: now) }
            if let dtls, let deadline = dtls.pollTimeout(), deadline <= now { dtls.handleTimeout(now: now) }
        }
        pump(now: now)
    }

    /// The next output; `.timeout` means the queue is empty until the next input.
    public func pollOutput() -> RTCPeerOutput {
        if outputHead < outputs.count {
            defer {
                outputHead += 1
                if outputHead == outputs.count {
                    outputs.removeAll(keepingCapacity: true)
                    outputHead = 0
                }
            }
            return outputs[outputHead]
        }
        guard !closed else { return .timeout(nil) }
        let deadlines = [iceTimeout, dtls?.pollTimeout()].compactMap { $0 }
        return .timeout(deadlines.min())
    }

    /// Sends DTLS close_notify, stops ICE and forgets the keys; emits `.closed` once.
    public func close(now: Instant) {
        guard !closed else { return }
        closed = true
        dtls?.close(now: now)
        drainDTLS(now: now)
        shutDown(now: now)
    }

    /// Stops ICE (its last outputs still go out) and drops the SRTP sessions.
    func shutDown(now: Instant) {
        closed = true
        ice.close()
        drainICE(now: now)
        srtpSender = nil
        srtpReceiver = nil
        isConnected = false
        outputs.append(.event(.closed))
    }

    /// Runs ICE and DTLS until neither has anything more, reacting to their events.
    func pump(now: Instant) {
        var progressed = true
        while progressed && !closed {
            progressed = drainICE(now: now)
            progressed = drainDTLS(now: now) || progressed
        }
    }

    func fail(_ failure: RTCPeerFailure) {
        guard self.failure == nil else { return }
        self.failure = failure
        outputs.append(.event(.failed(failure)))
    }

    func countDrop(_ reason: String) {
        dropCounts[reason, default: 0] += 1
    }
}
