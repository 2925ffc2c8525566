extension RTCPeer {
    /// The one place datagrams are told apart, by first byte (RFC 7983 §7).
    func receive(_ datagram: RTCPeerDatagram, now: Instant) {
        let kind = DatagramKind(classifying: datagram.bytes)
        switch kind {
        case .stun:
            ice.handle(ICEReceivedDatagram(socket: datagram.socket, source: datagram.source,
                                           destination: datagram.destination, bytes: datagram.bytes), now: now)
            drainICE(now: now)
            replayEarlyDatagrams(now: now)
        case .dtls, .rtp, .rtcp:
            // RFC 8445 §11 / RFC 8826 §4.2: only a validated remote may talk DTLS or media to us.
            guard ice.hasValidPair(remote: datagram.source, socket: datagram.socket) else {
                holdEarly(datagram)
                return
            }
            receiveValidated(datagram, kind: kind, now: now)
        case .unknown:
            countDrop("unknown_first_byte")
        }
    }

    func receiveValidated(_ datagram: RTCPeerDatagram, kind: DatagramKind, now: Instant) {
        switch kind {
        case .dtls:
            guard let dtls else {
                countDrop("dtls_before_negotiation")
                return
            }
            dtls.handleDatagram(datagram.bytes, now: now)
        case .rtp:
            receiveRTP(datagram.bytes)
        case .rtcp:
            receiveRTCP(datagram.bytes)
        case .stun, .unknown:
            break
        }
    }

    /// Keeps a few datagrams from a not-yet-validated address; the rest are dropped.
    func holdEarly(_ datagram: RTCPeerDatagram) {
        guard earlyDatagrams.count < config.earlyDatagramLimit else {
            countDrop("unvalidated_source")
            return
        }
        earlyDatagrams.append(datagram)
    }

    /// Replays held datagrams whose source ICE has since validated.
    func replayEarlyDatagrams(now: Instant) {
        guard !earlyDatagrams.isEmpty else { return }
        let held = earlyDatagrams
        earlyDatagrams = []
        for datagram in held {
            if ice.hasValidPair(remote: datagram.source, socket: datagram.socket) {
                receiveValidated(datagram, kind: DatagramKind(classifying: datagram.bytes), now: now)
            } else {
                earlyDatagrams.append(datagram)
            }
        }
    }
}
