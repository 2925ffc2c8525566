extension RTCPeer {
    /// Our ICE and DTLS parameters (current ICE credentials), with the candidates gathered so far
    /// inline; peer-reflexive ones are learned by checks and never signalled (RFC 8445 §7.2.5.3.1).
    var localTransport: LocalTransportParameters {
        LocalTransportParameters(
            iceUfrag: ice.localCredentials.ufrag, icePwd: ice.localCredentials.password,
            fingerprint: SDPFingerprint(algorithm: config.certificate.fingerprint.algorithm.rawValue,
                                        bytes: config.certificate.fingerprint.digest),
            candidates: ice.localCandidates.filter { $0.candidate.type != .peerReflexive }
                .map { $0.candidate.sdpAttributeValue(withPrefix: false) },
            iceOptions: ["trickle"])
    }

    /// Device: our sendonly offer (JSEP §5.2). Add host candidates first so they go inline.
    /// Once an answer was applied, a new call makes a subsequent offer (RFC 3264 §8): with
    /// `iceRestart` credentials it restarts ICE (RFC 8445 §9, RFC 8839 §4.4.1.1.1), keeping
    /// media on the current pair until the new checks select one; DTLS and SRTP stay as they are.
    /// On the first offer there is nothing to restart and `iceRestart` is ignored.
    public func createOffer(iceRestart newCredentials: ICECredentials? = nil) throws(RTCPeerError) -> SessionDescription {
        guard case .device(let options) = config.role else { throw .wrongRole("only a device offers") }
        if deviceOffer != nil {
            return try createSubsequentOffer(options, iceRestart: newCredentials)
        }
        let offer = DeviceOffer(options, local: localTransport)
        deviceOffer = offer
        localDescription = offer.description
        return offer.description
    }

    /// Device: applies the viewer's answer; ICE starts checking at once. The answer to a
    /// subsequent offer updates ICE (new credentials and candidates) without touching DTLS.
    public func applyAnswer(_ answer: SessionDescription, now: Instant) throws(RTCPeerError) {
        guard let deviceOffer else { throw .wrongState("no offer to answer") }
        guard negotiated == nil || awaitingAnswer else { throw .wrongState("answer already applied") }
        let media: NegotiatedMedia
        do { media = try deviceOffer.negotiate(answer: answer) } catch { throw .negotiation(error) }
        if negotiated == nil {
            try startTransport(media, now: now)
        } else {
            try checkSameDTLS(media.transport)
            revertRestartIfRefused(media.transport)
            try updateTransport(media, now: now)
        }
        awaitingAnswer = false
        credentialsBeforeRestart = nil
    }

    /// Viewer: answers a device's offer recvonly (JSEP §5.3). Add host candidates first.
    /// A later offer is a re-offer: when its ufrag or password changed it restarts ICE, and
    /// `restartCredentials` become ours (RFC 8839 §4.4.1.1.2: the answerer changes its own too).
    public func acceptOffer(_ offer: SessionDescription, now: Instant,
                            restartCredentials: ICECredentials? = nil) throws(RTCPeerError) -> SessionDescription {
        guard case .viewer(let wanting) = config.role else { throw .wrongRole("only a viewer answers") }
        if negotiated != nil {
            return try acceptSubsequentOffer(offer, wanting: wanting, restartCredentials: restartCredentials, now: now)
        }
        let answer: ViewerAnswer
        do {
            answer = try ViewerAnswer(offer: offer, wanting: wanting, local: localTransport, sessionID: config.sessionID)
        } catch {
            throw .negotiation(error)
        }
        localDescription = answer.description
        try startTransport(answer.negotiated, now: now)
        return answer.description
    }

    /// A trickled remote candidate (RFC 8840 §4.4). Under BUNDLE every bundled mid names the one
    /// transport, so any of them is accepted; a candidate for an unbundled mid is refused.
    public func addRemoteCandidate(_ text: String, sdpMid: String?, mLineIndex: Int?, now: Instant) throws(RTCPeerError) {
        guard let negotiated else { throw .wrongState("remote description not applied yet") }
        let bundle = negotiated.transport.bundleMids
        if let sdpMid, !bundle.isEmpty, !bundle.contains(sdpMid) {
            throw .invalidCandidate("mid \(sdpMid) is not in the BUNDLE group \(bundle)")
        }
        if sdpMid == nil, let mLineIndex, !(0..<(localDescription?.media.count ?? 0)).contains(mLineIndex) {
            throw .invalidCandidate("no m= section at index \(mLineIndex)")
        }
        let candidate: ICECandidate
        do { candidate = try ICECandidate(sdp: text) } catch { throw .invalidCandidate("\(error): \(text)") }
        _ = ice.addRemoteCandidate(candidate)
        pump(now: now)
    }

    /// The remote side gathered everything (RFC 8840 §4.1: end-of-candidates).
    public func addRemoteEndOfCandidates(now: Instant) {
        ice.setRemoteEndOfCandidates()
        pump(now: now)
    }

    /// Configures ICE and DTLS from the negotiated transport.
    func startTransport(_ media: NegotiatedMedia, now: Instant) throws(RTCPeerError) {
        try makeDTLS(media.transport)
        negotiated = media
        ice.setRemoteCredentials(ICECredentials(ufrag: media.transport.remoteICEUfrag, password: media.transport.remoteICEPwd))
        addRemoteCandidates(media.transport)
        ice.handleTimeout(now: now)
        pump(now: now)
    }

    /// The candidates inline in a remote description, and its end-of-candidates.
    func addRemoteCandidates(_ transport: NegotiatedTransport) {
        for line in transport.remoteCandidates {
            // A candidate we cannot parse is skipped, like one ICE skips (mDNS, TCP): the others may work.
            guard let candidate = try? ICECandidate(sdp: line) else {
                countDrop("unparsable_remote_candidate")
                continue
            }
            _ = ice.addRemoteCandidate(candidate)
        }
        if transport.remoteEndOfCandidates { ice.setRemoteEndOfCandidates() }
    }
}
