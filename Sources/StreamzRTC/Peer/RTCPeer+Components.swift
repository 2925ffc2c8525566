extension RTCPeer {
    /// Moves ICE's outputs into ours; true when there were any.
    @discardableResult
    func drainICE(now: Instant) -> Bool {
        var any = false
        while true {
            switch ice.pollOutput() {
            case .transmit(let transmit):
                any = true
                outputs.append(.transmit(RTCPeerTransmit(
                    bytes: transmit.bytes, socket: transmit.socket, source: transmit.source, destination: transmit.destination)))
            case .event(let event):
                any = true
                handleICEEvent(event, now: now)
            case .timeout(let deadline):
                iceTimeout = deadline
                return any
            }
        }
    }

    func handleICEEvent(_ event: ICEEvent, now: Instant) {
        switch event {
        case .stateChanged(let state):
            outputs.append(.event(.iceStateChanged(state)))
            if state == .failed {
                // RFC 8445 §8.1.2 gives up on a failed checklist; say which pairs were tried.
                fail(RTCPeerFailure(code: "ice_failed", detail: ice.failureReport ?? "ICE failed"))
            }
        case .selectedPairChanged(let pair):
            outputs.append(.event(.selectedPair(RTCSelectedPair(
                localType: pair.local.type, remoteType: pair.remote.type, local: pair.localBase, remote: pair.remoteAddress))))
            // RFC 8842 §5: the DTLS client starts once ICE has a path; a server waits for the ClientHello.
            if let dtls, dtls.role == .client, dtls.state == .new { dtls.start(now: now) }
            replayEarlyDatagrams(now: now)
        case .localCandidate(let candidate):
            // Before our description exists the candidate goes inline (`localTransport`).
            if localDescription != nil { outputs.append(.event(.localCandidate(candidate))) }
        case .gatheringStateChanged, .roleChanged:
            break
        }
    }

    /// Moves DTLS's datagrams (to the selected pair) and events into ours; true when there were any.
    @discardableResult
    func drainDTLS(now: Instant) -> Bool {
        guard let dtls else { return false }
        var any = false
        while let bytes = dtls.pollTransmit() {
            any = true
            // RFC 8842 §5: DTLS runs on the 5-tuple ICE selected.
            guard let pair = ice.selectedPair else {
                countDrop("dtls_without_selected_pair")
                continue
            }
            outputs.append(.transmit(RTCPeerTransmit(
                bytes: bytes, socket: pair.socket, source: pair.localBase, destination: pair.remoteAddress)))
        }
        while let event = dtls.pollEvent() {
            any = true
            switch event {
            case .connected(let keys):
                startSRTP(keys, cipher: dtls.cipherSuite)
            case .failed(let reason):
                let detail = reason.hasPrefix("dtls_failed: ") ? String(reason.dropFirst("dtls_failed: ".count)) : reason
                fail(RTCPeerFailure(code: "dtls_failed", detail: detail))
            case .closed:
                // Our own close already reports `.closed`; the peer's close_notify (RFC 5246 §7.2.1)
                // ends the session here.
                if !closed { shutDown(now: now) }
            }
        }
        return any
    }

    /// RFC 5764 §4.2: one SRTP session per direction from the exported keying material.
    func startSRTP(_ keys: SRTPKeyingMaterial, cipher: String?) {
        do {
            srtpSender = try SRTPSender(keyingMaterial: keys)
            srtpReceiver = try SRTPReceiver(keyingMaterial: keys)
        } catch {
            fail(RTCPeerFailure(code: "dtls_failed", detail: "SRTP setup failed: \(error)"))
            return
        }
        outputs.append(.event(.dtlsConnected(profile: keys.profile, cipher: cipher)))
        isConnected = true
        outputs.append(.event(.connected))
    }

    /// Creates the DTLS transport once both fingerprints and the role are known.
    func makeDTLS(_ transport: NegotiatedTransport) throws(RTCPeerError) {
        let remote: DTLSFingerprint
        do {
            guard let algorithm = DTLSFingerprint.Algorithm(rawValue: transport.remoteFingerprint.algorithm) else {
                throw RTCPeerError.negotiation(SDPNegotiationError(
                    code: "unsupported_transport", detail: "fingerprint hash \(transport.remoteFingerprint.algorithm)"))
            }
            remote = try DTLSFingerprint(algorithm: algorithm, digest: transport.remoteFingerprint.bytes)
        } catch let error as RTCPeerError {
            throw error
        } catch {
            throw .negotiation(SDPNegotiationError(code: "missing_transport_parameters", detail: "fingerprint: \(error)"))
        }
        do {
            dtls = try DTLSTransport(role: transport.dtlsRole, certificate: config.certificate, remoteFingerprint: remote,
                                     srtpProfiles: config.srtpProfiles,
                                     initialRetransmissionTimeout: config.dtlsInitialRetransmissionTimeout)
        } catch {
            throw .wrongState("DTLS setup failed: \(error)")
        }
    }
}
