import Testing
@testable import StreamzRTC

/// ICE restarts (RFC 8445 §9, RFC 8839 §4.4.1.1) between two `RTCPeer`s over the simulated
/// network: new credentials on both sides, media on the old pair until the new one is selected,
/// and the same DTLS association and SRTP keys throughout.
@Suite("RTCPeer ICE restart over a simulated network")
struct PeerICERestartTests {
    static let fresh = [ICECredentials(ufrag: "devR", password: "device-restart-password-0"),
                        ICECredentials(ufrag: "viwR", password: "viewer-restart-password-0")]

    /// Connected peers, no loss.
    static func connected(seed: UInt64) throws -> PeerSimulatedNetwork {
        let network = try PeerSimulatedNetwork(seed: seed)
        try network.negotiate()
        let done = network.run(for: .seconds(10)) { $0.connected(0) && $0.connected(1) }
        try #require(done, "device: \(network.eventLog[0])\nviewer: \(network.eventLog[1])")
        return network
    }

    /// Each peer sends `count` audio RTP packets 20 ms apart; returns how many each received.
    static func exchange(_ network: PeerSimulatedNetwork, count: Int, from sequence: Int) throws -> [Int] {
        let before = (0..<2).map { received(network, $0) }
        for step in 0..<count {
            for index in 0..<2 {
                let header = RTPHeader(payloadType: 111, sequenceNumber: UInt16(sequence + step),
                                       timestamp: UInt32(sequence + step) * 960, ssrc: index == 0 ? 0x3333_3333 : 0xAAAA_0002)
                try network.peers[index].sendRTP(RTPPacket(header: header, payload: [1, 2, 3]), now: network.now)
            }
            network.run(for: .milliseconds(20))
        }
        network.run(for: .milliseconds(200))
        return (0..<2).map { received(network, $0) - before[$0] }
    }

    static func received(_ network: PeerSimulatedNetwork, _ index: Int) -> Int {
        network.events[index].count(where: { if case .rtpReceived = $0 { true } else { false } })
    }

    static func count(_ network: PeerSimulatedNetwork, _ index: Int, _ match: (RTCPeerEvent) -> Bool) -> Int {
        network.events[index].count(where: match)
    }

    static func isDTLSConnected(_ event: RTCPeerEvent) -> Bool { if case .dtlsConnected = event { true } else { false } }

    @Test("the device's address stops working: it restarts ICE, a new pair carries SRTP, DTLS is not renegotiated")
    func restartAfterPathChange() throws {
        let network = try Self.connected(seed: 50)
        #expect(try Self.exchange(network, count: 10, from: 0) == [10, 10])

        // A new interface appears and the old address dies (a Wi-Fi to cellular change).
        let newAddress = TransportAddress(ip: .v4(127, 0, 0, 2), port: 40001)
        network.addHost(newAddress, peer: 0, socket: ICESocketID(2))
        network.blocked = [network.hosts[0]]
        #expect(try Self.exchange(network, count: 5, from: 10) == [0, 0])

        let offer = try network.peers[0].createOffer(iceRestart: Self.fresh[0])
        let offerText = offer.sdpText
        #expect(offerText.contains("a=ice-ufrag:devR") && offerText.contains("a=ice-pwd:device-restart-password-0"))
        #expect(offerText.contains("127.0.0.2 40001 typ host"))
        #expect(offer.origin.sessionVersion == "3")
        let answer = try network.peers[1].acceptOffer(try SessionDescription(parsing: offerText), now: network.now,
                                                      restartCredentials: Self.fresh[1])
        #expect(answer.sdpText.contains("a=ice-ufrag:viwR"))
        try network.peers[0].applyAnswer(try SessionDescription(parsing: answer.sdpText), now: network.now)

        let moved = network.run(for: .seconds(10)) {
            $0.peers[0].selectedPair?.local == newAddress && $0.peers[1].selectedPair?.remote == newAddress
        }
        #expect(moved, "device: \(network.eventLog[0].suffix(12))\nviewer: \(network.eventLog[1].suffix(12))")
        #expect(try Self.exchange(network, count: 10, from: 15) == [10, 10])
        // One DTLS handshake in all: SRTP kept its keys across the restart.
        #expect(Self.count(network, 0, Self.isDTLSConnected) == 1 && Self.count(network, 1, Self.isDTLSConnected) == 1)
        #expect(network.failure(0) == nil && network.failure(1) == nil)
        #expect([ICEConnectionState.connected, .completed].contains(network.peers[0].iceState))
    }

    @Test("while the restart runs, media keeps the old pair on both sides; then the new checks take over")
    func mediaDuringRestart() throws {
        let network = try Self.connected(seed: 51)
        let oldPair = try #require(network.peers[0].selectedPair)
        let offer = try network.peers[0].createOffer(iceRestart: Self.fresh[0])
        // The offer is on its way: the device has new credentials, the viewer the old ones.
        #expect(try Self.exchange(network, count: 5, from: 0) == [5, 5])
        let answer = try network.peers[1].acceptOffer(try SessionDescription(parsing: offer.sdpText), now: network.now,
                                                      restartCredentials: Self.fresh[1])
        // The answer is on its way: both restarted, neither has the other's new credentials in use yet.
        #expect(try Self.exchange(network, count: 5, from: 5) == [5, 5])
        #expect(network.peers[0].selectedPair == oldPair)
        let selectionsBefore = Self.count(network, 0) { if case .selectedPair = $0 { true } else { false } }
        try network.peers[0].applyAnswer(try SessionDescription(parsing: answer.sdpText), now: network.now)
        let reselected = network.run(for: .seconds(10)) {
            Self.count($0, 0) { if case .selectedPair = $0 { true } else { false } } > selectionsBefore
        }
        #expect(reselected)
        #expect(try Self.exchange(network, count: 5, from: 10) == [5, 5])
        #expect(Self.count(network, 0, Self.isDTLSConnected) == 1 && Self.count(network, 1, Self.isDTLSConnected) == 1)
        // The new generation's checks used the new credentials: the old ones are gone from the agents.
        #expect(network.peers[0].ice.localCredentials == Self.fresh[0] && network.peers[1].ice.localCredentials == Self.fresh[1])
        #expect(network.peers[0].ice.remoteCredentials == Self.fresh[1] && network.peers[1].ice.remoteCredentials == Self.fresh[0])
    }

    @Test("re-offers the peer refuses: no new credentials for a restart, a changed fingerprint, a restart without new ones")
    func refusals() throws {
        let network = try Self.connected(seed: 52)
        let device = network.peers[0], viewer = network.peers[1]
        #expect(throws: RTCPeerError.self) { try device.createOffer(iceRestart: device.ice.localCredentials) }
        let offer = try device.createOffer(iceRestart: Self.fresh[0])
        #expect(throws: RTCPeerError.wrongState("the previous offer is not answered yet")) { try device.createOffer() }
        #expect(throws: RTCPeerError.wrongState("the offer restarts ICE: new local credentials are needed (RFC 8839 §4.4.1.1.2)")) {
            try viewer.acceptOffer(try SessionDescription(parsing: offer.sdpText), now: network.now)
        }
        let fingerprint = try #require(offer.media[0].attributeValue("fingerprint"))
        let tampered = offer.sdpText.replacingOccurrences(of: String(fingerprint.suffix(5)), with: "00:00")
        let error = #expect(throws: RTCPeerError.self) {
            try viewer.acceptOffer(try SessionDescription(parsing: tampered), now: network.now, restartCredentials: Self.fresh[1])
        }
        #expect(error.map { "\($0)" }?.contains("fingerprint changed") == true)
        // Nothing of the refused offers stuck: the viewer still uses its first credentials.
        #expect(viewer.ice.localCredentials != Self.fresh[1])
        let answer = try viewer.acceptOffer(try SessionDescription(parsing: offer.sdpText), now: network.now,
                                            restartCredentials: Self.fresh[1])
        try device.applyAnswer(answer, now: network.now)
        #expect(throws: RTCPeerError.wrongState("answer already applied")) { try device.applyAnswer(answer, now: network.now) }
    }

    @Test("a peer that ignores the restart answers with its old credentials: the device takes its old ones back and stays connected")
    func remoteIgnoresRestart() throws {
        let network = try Self.connected(seed: 53)
        let original = network.peers[0].ice.localCredentials
        let offer = try network.peers[0].createOffer(iceRestart: Self.fresh[0])
        // Like aiortc 1.16: the re-offer's new credentials never reach its ICE agent.
        let ignored = offer.sdpText
            .replacingOccurrences(of: "a=ice-ufrag:\(Self.fresh[0].ufrag)", with: "a=ice-ufrag:\(original.ufrag)")
            .replacingOccurrences(of: "a=ice-pwd:\(Self.fresh[0].password)", with: "a=ice-pwd:\(original.password)")
        let answer = try network.peers[1].acceptOffer(try SessionDescription(parsing: ignored), now: network.now)
        try network.peers[0].applyAnswer(try SessionDescription(parsing: answer.sdpText), now: network.now)
        #expect(network.peers[0].ice.localCredentials == original)
        // Well past consent's 30 s: the checks on both sides still match.
        network.run(for: .seconds(40))
        #expect(try Self.exchange(network, count: 5, from: 0) == [5, 5])
        #expect(network.failure(0) == nil && network.failure(1) == nil)
        #expect([ICEConnectionState.connected, .completed].contains(network.peers[0].iceState))
        #expect([ICEConnectionState.connected, .completed].contains(network.peers[1].iceState))
    }
}
