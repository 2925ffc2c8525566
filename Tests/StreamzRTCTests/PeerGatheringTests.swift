import Testing
@testable import StreamzRTC

/// Server-reflexive gathering through `RTCPeer`, with the STUN servers played by the test:
/// what the peer sends to them, what it makes of their answers, and what silence does.
@Suite("RTCPeer gathering from STUN servers (sans-IO)")
struct PeerGatheringTests {
    static let host = TransportAddress(ip: .v4(10, 0, 0, 2), port: 40000)
    static let hostV6 = TransportAddress(ip: IPAddress("fd00::2")!, port: 40002)
    static let serverA = TransportAddress(ip: .v4(192, 0, 2, 1), port: 3478)
    static let serverB = TransportAddress(ip: .v4(192, 0, 2, 2), port: 3478)
    static let silent = TransportAddress(ip: .v4(192, 0, 2, 3), port: 3478)
    static let external = TransportAddress(ip: .v4(203, 0, 113, 9), port: 61000)

    final class Harness {
        let peer: RTCPeer
        var now = Instant.zero
        var sent: [(at: Instant, transmit: RTCPeerTransmit)] = []
        var events: [RTCPeerEvent] = []
        var next: Instant?

        init() throws {
            let network = try PeerSimulatedNetwork(seed: 40)
            peer = network.peers[0]
        }

        func drain() {
            while true {
                switch peer.pollOutput() {
                case .transmit(let transmit): sent.append((now, transmit))
                case .event(let event): events.append(event)
                case .timeout(let at):
                    next = at
                    return
                }
            }
        }

        /// Advances to each timeout up to `limit`, answering requests to `answering` with `mapped`.
        func run(until limit: Instant, answering: [TransportAddress: TransportAddress] = [:]) {
            var answered = 0
            while true {
                drain()
                if sent.count > answered {
                    for (_, transmit) in sent[answered...] { answer(transmit, mapped: answering[transmit.destination]) }
                    answered = sent.count
                    continue
                }
                guard let next, next <= limit else { return }
                now = max(now, next)
                peer.handle(.timeout, now: now)
            }
        }

        /// A Binding success response from the server the request went to, when it answers.
        func answer(_ transmit: RTCPeerTransmit, mapped: TransportAddress?) {
            guard let mapped, let request = try? STUNMessage(parsing: transmit.bytes) else { return }
            let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID,
                                       attributes: [.xorMappedAddress(mapped)]).encoded(fingerprint: true)
            peer.handle(.receive(RTCPeerDatagram(bytes: response, source: transmit.destination, socket: transmit.socket,
                                                 destination: transmit.source)), now: now)
        }

        var srflx: [ICECandidate] { peer.localCandidates.filter { $0.type == .serverReflexive } }
        var trickled: [ICECandidate] {
            events.compactMap { if case .localCandidate(let candidate) = $0 { candidate } else { nil } }
        }
    }

    @Test("gathered before the offer: the srflx candidate goes inline, with raddr/rport of its base")
    func inline() throws {
        let harness = try Harness()
        harness.peer.addLocalCandidate(address: Self.host, socket: ICESocketID(1))
        harness.peer.addSTUNServer(Self.serverA, now: harness.now)
        harness.run(until: .zero + .seconds(1), answering: [Self.serverA: Self.external])
        // One plain Binding request (no credentials, RFC 8489 §6.1) from the host's socket.
        let request = try STUNMessage(parsing: try #require(harness.sent.first).transmit.bytes)
        #expect(request.type == .bindingRequest && request.username == nil && !request.hasMessageIntegrity)
        #expect(harness.sent.count == 1 && harness.sent[0].transmit.source == Self.host)
        let srflx = try #require(harness.srflx.first)
        #expect(srflx.address == Self.external && srflx.relatedHost == .ip(Self.host.ip) && srflx.relatedPort == Self.host.port)
        #expect(harness.peer.gatheringState == .complete)
        #expect(harness.trickled.isEmpty, "no description yet: nothing to trickle")
        let offer = try harness.peer.createOffer()
        #expect(offer.media[0].candidates.contains { $0.contains("203.0.113.9 61000 typ srflx raddr 10.0.0.2 rport 40000") })
    }

    @Test("gathered after the offer: trickled; the same mapped address from a second server is redundant (RFC 8445 §5.1.3)")
    func trickledAndRedundant() throws {
        let harness = try Harness()
        harness.peer.addLocalCandidate(address: Self.host, socket: ICESocketID(1))
        _ = try harness.peer.createOffer()
        harness.peer.addSTUNServer(Self.serverA, now: harness.now)
        harness.peer.addSTUNServer(Self.serverB, now: harness.now)
        harness.run(until: .zero + .seconds(1), answering: [Self.serverA: Self.external, Self.serverB: Self.external])
        #expect(Set(harness.sent.map(\.transmit.destination)) == [Self.serverA, Self.serverB])
        // Paced Ta apart (RFC 8445 §14.2).
        #expect(harness.sent.count == 2 && harness.sent[1].at - harness.sent[0].at == .milliseconds(50))
        #expect(harness.srflx.count == 1 && harness.trickled.count == 1 && harness.trickled[0].type == .serverReflexive)
        #expect(harness.peer.gatheringState == .complete)
    }

    @Test("a mapped address equal to the host's (no NAT) gives no candidate; IPv6 hosts do not ask an IPv4 server")
    func noNATAndFamilies() throws {
        let harness = try Harness()
        harness.peer.addLocalCandidate(address: Self.host, socket: ICESocketID(1))
        harness.peer.addLocalCandidate(address: Self.hostV6, socket: ICESocketID(2), localPreference: 65534)
        harness.peer.addSTUNServer(Self.serverA, now: harness.now)
        harness.run(until: .zero + .seconds(1), answering: [Self.serverA: Self.host])
        #expect(harness.sent.count == 1 && harness.sent[0].transmit.socket == ICESocketID(1))
        #expect(harness.srflx.isEmpty && harness.peer.gatheringState == .complete)
    }

    @Test("a server that never answers: the others' candidates arrive at once, gathering completes only after 39.5 s")
    func silentServer() throws {
        let harness = try Harness()
        harness.peer.addLocalCandidate(address: Self.host, socket: ICESocketID(1))
        _ = try harness.peer.createOffer()
        harness.peer.addSTUNServer(Self.silent, now: harness.now)
        harness.peer.addSTUNServer(Self.serverA, now: harness.now)
        harness.run(until: .zero + .seconds(1), answering: [Self.serverA: Self.external])
        #expect(harness.trickled.map(\.address) == [Self.external])
        #expect(harness.peer.gatheringState == .gathering)
        harness.run(until: .zero + .seconds(60), answering: [Self.serverA: Self.external])
        let toSilent = harness.sent.filter { $0.transmit.destination == Self.silent }.map { $0.at - Instant.zero }
        #expect(toSilent == [0, 500, 1500, 3500, 7500, 15500, 31500].map { Duration.milliseconds($0) })
        #expect(harness.peer.gatheringState == .complete)
        #expect(harness.srflx.count == 1)
    }

    @Test("garbage from a STUN server's address is dropped; gathering goes on")
    func garbageResponse() throws {
        let harness = try Harness()
        harness.peer.addLocalCandidate(address: Self.host, socket: ICESocketID(1))
        harness.peer.addSTUNServer(Self.serverA, now: harness.now)
        harness.drain()
        var random = SeededRandom(seed: 5)
        for length in [0, 1, 19, 20, 21, 28, 64] {
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if !bytes.isEmpty { bytes[0] = 0 }
            harness.peer.handle(.receive(RTCPeerDatagram(bytes: bytes, source: Self.serverA, socket: ICESocketID(1),
                                                         destination: Self.host)), now: harness.now)
        }
        harness.run(until: .zero + .seconds(1), answering: [Self.serverA: Self.external])
        #expect(harness.srflx.map(\.address) == [Self.external])
    }
}
