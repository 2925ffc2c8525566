extension RTCPeer {
    /// Our ICE and DTLS parameters, with the host candidates added so far inline.
    var localTransport: LocalTransportParameters {
        LocalTransportParameters(
            iceUfrag: config.iceCredentials.ufrag, icePwd: config.iceCredentials.password,
            fingerprint: SDPFingerprint(algorithm: config.certificate.fingerprint.algorithm.rawValue,
                                        bytes: config.certificate.fingerprint.digest),
            candidates: ice.localCandidates.map { $0.candidate.sdpAttributeValue(withPrefix: false) },
            iceOptions: ["trickle"])
    }

    /// Device: our sendonly offer (JSEP §5.2). Add host candidates first so they go inline.
    public func createOffer() throws(RTCPeerError) -> SessionDescription {
        guard case .device(let options) = config.role else { throw .wrongRole("only a device offers") }
        guard deviceOffer == nil else { throw .wrongState("offer already created") }
        let offer = DeviceOffer(options, local: localTransport)
        deviceOffer = offer
        localDescription = offer.description
        return offer.description
    }

    /// Device: applies the viewer's answer; ICE starts checking at once.
    public func applyAnswer(_ answer: SessionDescription, now: Instant) throws(RTCPeerError) {
        guard let deviceOffer else { throw .wrongState("no offer to answer") }
        guard negotiated == nil else { throw .wrongState("answer already applied") }
        let media: NegotiatedMedia
        do { media = try deviceOffer.negotiate(answer: answer) } catch { throw .negotiation(error) }
        try startTransport(media, now: now)
    }

    /// Viewer: answers a device's offer recvonly (JSEP §5.3). Add host candidates first.
    public func acceptOffer(_ offer: SessionDescription, now: Instant) throws(RTCPeerError) -> SessionDescription {
        guard case .viewer(let wanting) = config.role else { throw .wrongRole("only a viewer answers") }
        guard negotiated == nil else { throw .wrongState("offer already accepted") }
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
        for line in media.transport.remoteCandidates {
            // A candidate we cannot parse is skipped, like one ICE skips (mDNS, TCP): the others may work.
            guard let candidate = try? ICECandidate(sdp: line) else {
                countDrop("unparsable_remote_candidate")
                continue
            }
            _ = ice.addRemoteCandidate(candidate)
        }
        if media.transport.remoteEndOfCandidates { ice.setRemoteEndOfCandidates() }
        ice.handleTimeout(now: now)
        pump(now: now)
    }
}
