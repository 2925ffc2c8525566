/// Subsequent offers and answers (RFC 3264 §8) and ICE restarts (RFC 8445 §9, RFC 8839 §4.4.1.1).
/// The media sections and the DTLS association stay: a re-offer that changes the fingerprint
/// or the DTLS role would need a new handshake (RFC 8842 §5.5), which this peer refuses.
extension RTCPeer {
    func createSubsequentOffer(_ options: DeviceOffer.Options,
                               iceRestart newCredentials: ICECredentials?) throws(RTCPeerError) -> SessionDescription {
        guard negotiated != nil, !awaitingAnswer else { throw .wrongState("the previous offer is not answered yet") }
        if let newCredentials {
            guard newCredentials.ufrag != ice.localCredentials.ufrag, newCredentials.password != ice.localCredentials.password else {
                throw .wrongState("an ICE restart needs a new ufrag and password (RFC 8839 §4.4.1.1.1)")
            }
            credentialsBeforeRestart = ice.localCredentials
            restartICE(newCredentials)
        }
        let offer = DeviceOffer(options, local: localTransport)
        deviceOffer = offer
        var description = offer.description
        description.origin.sessionVersion = takeSessionVersion()
        localDescription = description
        awaitingAnswer = true
        return description
    }

    func acceptSubsequentOffer(_ offer: SessionDescription, wanting: Set<MediaKind>,
                               restartCredentials: ICECredentials?, now: Instant) throws(RTCPeerError) -> SessionDescription {
        guard let current = negotiated else { throw .wrongState("no offer accepted yet") }
        var answer = try makeAnswer(offer, wanting: wanting)
        let remote = answer.negotiated.transport
        if remote.remoteICEUfrag != current.transport.remoteICEUfrag || remote.remoteICEPwd != current.transport.remoteICEPwd {
            guard let restartCredentials,
                  restartCredentials.ufrag != ice.localCredentials.ufrag, restartCredentials.password != ice.localCredentials.password
            else {
                throw .wrongState("the offer restarts ICE: new local credentials are needed (RFC 8839 §4.4.1.1.2)")
            }
            try checkSameDTLS(remote)
            restartICE(restartCredentials)
            answer = try makeAnswer(offer, wanting: wanting)
        }
        var description = answer.description
        description.origin.sessionVersion = takeSessionVersion()
        try updateTransport(answer.negotiated, now: now)
        localDescription = description
        return description
    }

    func makeAnswer(_ offer: SessionDescription, wanting: Set<MediaKind>) throws(RTCPeerError) -> ViewerAnswer {
        do {
            return try ViewerAnswer(offer: offer, wanting: wanting, local: localTransport, sessionID: config.sessionID)
        } catch {
            throw .negotiation(error)
        }
    }

    /// Applies a later description's transport: the same DTLS, maybe new ICE credentials
    /// (the agent starts a new checklist when the ufrag changed) and candidates.
    func updateTransport(_ media: NegotiatedMedia, now: Instant) throws(RTCPeerError) {
        try checkSameDTLS(media.transport)
        negotiated = media
        ice.setRemoteCredentials(ICECredentials(ufrag: media.transport.remoteICEUfrag, password: media.transport.remoteICEPwd))
        addRemoteCandidates(media.transport)
        ice.handleTimeout(now: now)
        pump(now: now)
    }

    /// An answer to our restart offer that keeps the remote ufrag and password did not restart
    /// (RFC 8839 §4.4.1.1.2 says it must; aiortc 1.16 ignores restarts and answers so). Such a peer
    /// still checks with our old credentials, so we take them back (a new checklist generation
    /// again) rather than lose consent on the path media still uses.
    func revertRestartIfRefused(_ transport: NegotiatedTransport) {
        guard let previous = credentialsBeforeRestart, let current = negotiated?.transport,
              transport.remoteICEUfrag == current.remoteICEUfrag, transport.remoteICEPwd == current.remoteICEPwd
        else { return }
        ice.restart(localCredentials: previous)
    }

    /// RFC 8842 §5.5: same fingerprint and role, or the description asks for a new association.
    func checkSameDTLS(_ transport: NegotiatedTransport) throws(RTCPeerError) {
        guard let current = negotiated?.transport else { return }
        guard transport.remoteFingerprint == current.remoteFingerprint else {
            throw .negotiation(SDPNegotiationError(
                code: "unsupported_transport", detail: "the DTLS fingerprint changed: renegotiating DTLS is not supported"))
        }
        guard transport.dtlsRole == current.dtlsRole else {
            throw .negotiation(SDPNegotiationError(
                code: "unsupported_transport", detail: "the DTLS role changed: renegotiating DTLS is not supported"))
        }
    }

    /// New local credentials; the agent keeps the selected pair until the new checks replace it.
    /// A restart is the way out of an ICE failure, so that failure no longer stands.
    func restartICE(_ credentials: ICECredentials) {
        ice.restart(localCredentials: credentials)
        if failure?.code == "ice_failed" { failure = nil }
    }

    func takeSessionVersion() -> String {
        defer { nextSessionVersion += 1 }
        return String(nextSessionVersion)
    }
}
