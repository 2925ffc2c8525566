import Testing
@testable import StreamzRTC

@Suite("RTCPeer over a simulated network")
struct PeerSimulatedTests {
    static let videoPT: UInt8 = 96
    static let audioPT: UInt8 = 111

    /// Negotiates, connects, then each side sends 50 video and 50 audio RTP packets and 5 RTCP
    /// compounds, 20 ms apart; returns the network after everything in flight has landed.
    static func exchange(seed: UInt64, loss: Double, delay: ClosedRange<Int64>) throws -> PeerSimulatedNetwork {
        let network = try PeerSimulatedNetwork(seed: seed)
        network.loss = loss
        network.delayMilliseconds = delay
        try network.negotiate()
        let connected = network.run(for: .seconds(20)) { $0.connected(0) && $0.connected(1) }
        try #require(connected, "device: \(network.eventLog[0])\nviewer: \(network.eventLog[1])")
        let ssrcs: [(video: UInt32, audio: UInt32)] = [(0x1111_1111, 0x3333_3333), (0xAAAA_0001, 0xAAAA_0002)]
        for step in 0..<50 {
            for index in 0..<2 {
                let peer = network.peers[index]
                for (pt, ssrc) in [(videoPT, ssrcs[index].video), (audioPT, ssrcs[index].audio)] {
                    let header = RTPHeader(payloadType: pt, sequenceNumber: UInt16(step), timestamp: UInt32(step) * 960, ssrc: ssrc)
                    try peer.sendRTP(RTPPacket(header: header, payload: [UInt8](repeating: UInt8(step), count: 100)), now: network.now)
                }
                if step % 10 == 0 {
                    try peer.sendRTCP([.receiverReport(ReceiverReport(ssrc: ssrcs[index].video)),
                                       .pictureLossIndication(PictureLossIndication(senderSSRC: ssrcs[index].video,
                                                                                    mediaSSRC: ssrcs[1 - index].video))],
                                      now: network.now)
                }
            }
            network.run(for: .milliseconds(20))
        }
        network.run(for: .seconds(1))
        return network
    }

    static func received(_ events: [RTCPeerEvent]) -> (rtp: [String: Int], rtcp: Int) {
        var rtp: [String: Int] = [:]
        var rtcp = 0
        for event in events {
            switch event {
            case .rtpReceived(let packet, let kind): rtp["\(kind) \(packet.header.payloadType) \(packet.header.ssrc)", default: 0] += 1
            case .rtcpReceived(let packets): rtcp += packets.count
            default: break
            }
        }
        return (rtp, rtcp)
    }

    @Test("connects and exchanges SRTP-protected RTP and RTCP both ways with loss, delay and reorder")
    func exchangeWithImpairments() throws {
        let network = try Self.exchange(seed: 7, loss: 0.1, delay: 5...60)
        let device = Self.received(network.events[0])
        let viewer = Self.received(network.events[1])
        // Every media datagram the network delivered was unprotected and classified: no SRTP failures.
        #expect(network.peers[0].dropCounts.isEmpty && network.peers[1].dropCounts.isEmpty,
                "drops: \(network.peers[0].dropCounts) \(network.peers[1].dropCounts)")
        #expect(viewer.rtp.values.reduce(0, +) == network.deliveredRTP[1])
        #expect(device.rtp.values.reduce(0, +) == network.deliveredRTP[0])
        #expect(Set(viewer.rtp.keys) == ["video 96 \(0x1111_1111)", "audio 111 \(0x3333_3333)"])
        #expect(Set(device.rtp.keys) == ["video 96 \(0xAAAA_0001)", "audio 111 \(0xAAAA_0002)"])
        // 10 % loss over 50 packets a stream: well above half arrive, not all (the loss is real).
        for count in Array(viewer.rtp.values) + Array(device.rtp.values) { #expect((25...50).contains(count)) }
        #expect(network.deliveredRTP[0] + network.deliveredRTP[1] < 200)
        #expect(viewer.rtcp == 2 * network.deliveredRTCP[1] && device.rtcp == 2 * network.deliveredRTCP[0])
        #expect(viewer.rtcp > 0 && device.rtcp > 0)
        // The path and the keys are reported.
        #expect(network.peers[0].selectedPair?.connectionType == .p2p)
        #expect(network.peers[1].selectedPair?.remote == network.hosts[0])
        #expect(network.peers[0].dtlsRole == .server && network.peers[1].dtlsRole == .client)
        #expect(network.eventLog[1].contains { $0.hasPrefix("dtlsConnected(profile: SRTP_AEAD_AES_128_GCM") })
    }

    @Test("same seed, same trace; another seed, another trace")
    func deterministic() throws {
        let first = try Self.exchange(seed: 42, loss: 0.15, delay: 5...80)
        let second = try Self.exchange(seed: 42, loss: 0.15, delay: 5...80)
        let other = try Self.exchange(seed: 43, loss: 0.15, delay: 5...80)
        #expect(first.eventLog == second.eventLog)
        #expect(first.eventLog != other.eventLog)
        #expect(first.eventLog[1].count > 60)
    }

    @Test("a fingerprint that does not match the certificate fails DTLS with a reason")
    func fingerprintMismatch() throws {
        let network = try PeerSimulatedNetwork(seed: 3)
        let forged = try DTLSCertificate(unixTime: 1_790_000_000).fingerprint.attributeValue
        try network.negotiate { answer in
            answer.split(separator: "\r\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("a=fingerprint:") ? "a=fingerprint:\(forged)" : String($0) }
                .joined(separator: "\r\n")
        }
        network.run(for: .seconds(10)) { $0.failure(0) != nil }
        let failure = try #require(network.failure(0))
        #expect(failure.code == "dtls_failed")
        #expect(failure.detail.contains("fingerprint mismatch"))
        #expect(!network.connected(0) && !network.connected(1))
        #expect(throws: RTCPeerError.notConnected) {
            try network.peers[0].sendRTP(RTPPacket(header: RTPHeader(payloadType: 96, sequenceNumber: 0, timestamp: 0, ssrc: 1),
                                                   payload: [1]), now: network.now)
        }
    }

    @Test("an unreachable viewer makes ICE fail with the pairs tried")
    func unreachable() throws {
        let network = try PeerSimulatedNetwork(seed: 5)
        network.unreachable = [1]
        try network.negotiate()
        network.run(for: .seconds(60)) { $0.failure(0) != nil }
        let failure = try #require(network.failure(0))
        #expect(failure.code == "ice_failed")
        #expect(failure.detail.contains("1 pair(s) tried"))
        #expect(failure.detail.contains("\(network.hosts[1])"))
        #expect(!network.connected(0))
    }

    @Test("trickled candidates: bundled mids accepted, others refused, garbage rejected")
    func trickle() throws {
        let network = try PeerSimulatedNetwork(seed: 9)
        let offer = try network.peers[0].createOffer()
        network.peers[1].addLocalCandidate(address: network.hosts[1], socket: network.socket)
        let answer = try network.peers[1].acceptOffer(offer, now: network.now)
        try network.peers[0].applyAnswer(answer, now: network.now)
        // The device's host candidate arrives by trickle, after its offer was made.
        let candidate = network.peers[0].addLocalCandidate(address: network.hosts[0], socket: network.socket)
        network.drain()
        #expect(network.eventLog[0].contains { $0.hasPrefix("localCandidate") })
        #expect(throws: RTCPeerError.self) { try network.peers[1].addRemoteCandidate(candidate.sdpAttributeValue(), sdpMid: "9", mLineIndex: nil, now: network.now) }
        #expect(throws: RTCPeerError.self) { try network.peers[1].addRemoteCandidate("candidate:garbage", sdpMid: "1", mLineIndex: nil, now: network.now) }
        #expect(throws: RTCPeerError.self) { try network.peers[1].addRemoteCandidate(candidate.sdpAttributeValue(), sdpMid: nil, mLineIndex: 7, now: network.now) }
        try network.peers[1].addRemoteCandidate(candidate.sdpAttributeValue(), sdpMid: "1", mLineIndex: 1, now: network.now)
        network.peers[1].addRemoteEndOfCandidates(now: network.now)
        #expect(network.run(for: .seconds(10)) { $0.connected(0) && $0.connected(1) })
    }

    @Test("garbage and unvalidated senders are dropped, not crashed on")
    func garbage() throws {
        let network = try PeerSimulatedNetwork(seed: 11)
        try network.negotiate()
        #expect(network.run(for: .seconds(10)) { $0.connected(0) && $0.connected(1) })
        var random = SeededRandom(seed: 1)
        let stranger = TransportAddress(ip: .loopbackV4, port: 1234)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            network.peers[1].handle(.receive(RTCPeerDatagram(bytes: bytes, source: network.hosts[0], socket: network.socket,
                                                             destination: network.hosts[1])), now: network.now)
            network.peers[1].handle(.receive(RTCPeerDatagram(bytes: [0x80, 96] + bytes, source: stranger, socket: network.socket,
                                                             destination: network.hosts[1])), now: network.now)
        }
        network.drain()
        #expect(network.peers[1].dropCounts["unvalidated_source", default: 0] > 150)
        #expect(network.peers[1].failure == nil)
        #expect(!network.eventLog[1].contains { $0.hasPrefix("rtp ") })
    }
}
