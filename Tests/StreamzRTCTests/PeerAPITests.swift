import Testing
@testable import StreamzRTC

@Suite("RTCPeer API rules")
struct PeerAPITests {
    @Test("roles and order are enforced")
    func misuse() throws {
        let network = try PeerSimulatedNetwork(seed: 1)
        let device = network.peers[0], viewer = network.peers[1]
        #expect(throws: RTCPeerError.wrongRole("only a device offers")) { try viewer.createOffer() }
        #expect(throws: RTCPeerError.wrongState("no offer to answer")) {
            try device.applyAnswer(try device.createOfferless(), now: .zero)
        }
        let offer = try device.createOffer()
        #expect(throws: RTCPeerError.wrongState("the previous offer is not answered yet")) { try device.createOffer() }
        #expect(throws: RTCPeerError.wrongRole("only a viewer answers")) { try device.acceptOffer(offer, now: .zero) }
        #expect(throws: RTCPeerError.wrongState("remote description not applied yet")) {
            try viewer.addRemoteCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0", mLineIndex: 0, now: .zero)
        }
        let answer = try viewer.acceptOffer(offer, now: .zero)
        // The same offer again is a re-offer without an ICE restart: the same credentials, a new version.
        let again = try viewer.acceptOffer(offer, now: .zero)
        #expect(again.media[0].attributeValue("ice-ufrag") == answer.media[0].attributeValue("ice-ufrag"))
        #expect(again.origin.sessionVersion != answer.origin.sessionVersion)
        try device.applyAnswer(answer, now: .zero)
        #expect(throws: RTCPeerError.wrongState("answer already applied")) { try device.applyAnswer(answer, now: .zero) }
        #expect(throws: RTCPeerError.notConnected) { try viewer.sendRTCP([.goodbye(Goodbye(sources: [1]))], now: .zero) }
    }

    @Test("an offer without our codec is refused with unsupported_codec")
    func unsupportedCodec() throws {
        let network = try PeerSimulatedNetwork(seed: 2)
        let text = try network.peers[0].createOffer().sdpText
            .replacingOccurrences(of: "VP8/90000", with: "H264/90000")
            .replacingOccurrences(of: "opus/48000/2", with: "PCMU/8000")
        let error = #expect(throws: RTCPeerError.self) {
            try network.peers[1].acceptOffer(try SessionDescription(parsing: text), now: .zero)
        }
        guard case .negotiation(let negotiation) = error else {
            Issue.record("expected a negotiation error, got \(String(describing: error))")
            return
        }
        #expect(negotiation.code == "unsupported_codec")
        #expect(network.peers[1].localDescription == nil)
    }

    @Test("closing one side reports closed on both; the closed side ignores input")
    func close() throws {
        let network = try PeerSimulatedNetwork(seed: 4)
        try network.negotiate()
        #expect(network.run(for: .seconds(10)) { $0.connected(0) && $0.connected(1) })
        network.peers[0].close(now: network.now)
        network.run(for: .seconds(1))
        #expect(network.eventLog[0].filter { $0 == "closed" }.count == 1)
        #expect(network.eventLog[1].filter { $0 == "closed" }.count == 1)
        #expect(throws: RTCPeerError.notConnected) {
            try network.peers[1].sendRTP(RTPPacket(header: RTPHeader(payloadType: 96, sequenceNumber: 0, timestamp: 0, ssrc: 9),
                                                   payload: [0]), now: network.now)
        }
        guard case .timeout(nil) = network.peers[0].pollOutput() else {
            Issue.record("a closed peer asks for no timer")
            return
        }
    }
}

extension PeerAPITests {
    @Test("a packet is routed by payload type, then announced SSRC, then mid; unknown ones are dropped")
    func routing() throws {
        let network = try PeerSimulatedNetwork(seed: 6)
        try network.negotiate()
        let viewer = network.peers[1]
        let video = try #require(viewer.negotiated?.video)
        let audio = try #require(viewer.negotiated?.audio)
        func packet(pt: UInt8, ssrc: UInt32, mid: String? = nil) -> RTPPacket {
            var extensions = RTPHeaderExtensions()
            if let mid, let id = audio.extensionIDs[MidExtension.uri] {
                extensions.elements = [.init(id: id, data: MidExtension(mid: mid).extensionData)]
            }
            return RTPPacket(header: RTPHeader(payloadType: pt, sequenceNumber: 1, timestamp: 1, ssrc: ssrc, extensions: extensions),
                             payload: [0])
        }
        #expect(viewer.mediaKind(of: packet(pt: video.payloadType, ssrc: 1)) == .video)
        #expect(viewer.mediaKind(of: packet(pt: try #require(video.rtxPayloadType), ssrc: 1)) == .video)
        #expect(viewer.mediaKind(of: packet(pt: 100, ssrc: try #require(audio.remoteSSRCs.first))) == .audio)
        #expect(viewer.mediaKind(of: packet(pt: 100, ssrc: 1, mid: audio.mid)) == .audio)
        #expect(viewer.mediaKind(of: packet(pt: 100, ssrc: 1, mid: "nope")) == nil)
        #expect(viewer.mediaKind(of: packet(pt: 100, ssrc: 1)) == nil)
    }
}

private extension RTCPeer {
    /// Any parseable description, for calls that must fail before looking at it.
    func createOfferless() throws -> SessionDescription {
        try SessionDescription(parsing: "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n")
    }
}
