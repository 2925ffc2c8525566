extension RTCPeer {
    /// Protects one RTP packet with SRTP and queues it to the selected pair.
    public func sendRTP(_ packet: RTPPacket, now: Instant) throws(RTCPeerError) {
        let bytes: [UInt8]
        do { bytes = try packet.serialized() } catch { throw .send("RTP: \(error)") }
        try sendProtected(bytes, rtcp: false)
    }

    /// Protects a compound RTCP packet (RFC 3550 §6.1) with SRTCP and queues it.
    public func sendRTCP(_ packets: [RTCPPacket], now: Instant) throws(RTCPeerError) {
        var bytes: [UInt8] = []
        do {
            for packet in packets { bytes += try packet.serialized() }
        } catch {
            throw .send("RTCP: \(error)")
        }
        try sendProtected(bytes, rtcp: true)
    }

    func sendProtected(_ bytes: [UInt8], rtcp: Bool) throws(RTCPeerError) {
        guard !closed, let srtpSender, let pair = ice.selectedPair else { throw .notConnected }
        let protected: [UInt8]
        do {
            protected = rtcp ? try srtpSender.protectRTCP(bytes) : try srtpSender.protectRTP(bytes)
        } catch {
            throw .send("SRTP: \(error)")
        }
        outputs.append(.transmit(RTCPeerTransmit(
            bytes: protected, socket: pair.socket, source: pair.localBase, destination: pair.remoteAddress)))
    }

    func receiveRTP(_ bytes: [UInt8]) {
        guard let srtpReceiver else {
            countDrop("rtp_before_keys")
            return
        }
        let packet: RTPPacket
        do {
            packet = try RTPPacket(parsing: try srtpReceiver.unprotectRTP(bytes))
        } catch {
            countDrop("srtp_unprotect_failed")
            return
        }
        guard let kind = mediaKind(of: packet) else {
            countDrop("rtp_unknown_stream")
            return
        }
        outputs.append(.event(.rtpReceived(packet, kind: kind)))
    }

    func receiveRTCP(_ bytes: [UInt8]) {
        guard let srtpReceiver else {
            countDrop("rtcp_before_keys")
            return
        }
        do {
            let packets = try RTCPPacket.parseCompound(try srtpReceiver.unprotectRTCP(bytes))
            outputs.append(.event(.rtcpReceived(packets)))
        } catch {
            countDrop("srtcp_unprotect_failed")
        }
    }

    /// Which negotiated stream a packet belongs to: by payload type (media or RTX, RFC 4588), then
    /// by the SSRCs the remote description announced, then by the mid header extension (RFC 8843 §9.2).
    func mediaKind(of packet: RTPPacket) -> MediaKind? {
        guard let negotiated else { return nil }
        let streams = [negotiated.video, negotiated.audio].compactMap { $0 }
        let type = packet.header.payloadType
        if let stream = streams.first(where: { $0.payloadType == type || $0.rtxPayloadType == type }) {
            return stream.kind
        }
        if let stream = streams.first(where: {
            $0.remoteSSRCs.contains(packet.header.ssrc) || $0.remoteRTXSSRCs.values.contains(packet.header.ssrc)
        }) {
            return stream.kind
        }
        return streams.first { stream in
            guard let id = stream.extensionIDs[MidExtension.uri],
                  let element = packet.header.extensions.elements.first(where: { $0.id == id }),
                  let mid = try? MidExtension(extensionData: element.data) else { return false }
            return mid.mid == stream.mid
        }?.kind
    }
}
