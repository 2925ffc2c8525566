import Testing
@testable import StreamzRTC

@Suite("ICE agent mechanics: relay-shaped candidates, pacing, hostile input")
struct ICEAgentMechanicsTests {
    @Test("a relay candidate's checks leave through its own socket from the relayed address")
    func relaySocket() throws {
        var random = SeededRandom(seed: 60)
        let mine = ICECredentials.random(using: &random), theirs = ICECredentials.random(using: &random)
        var agent = ICEAgent(role: .controlling, localCredentials: mine, seed: 61)
        let relayed = TransportAddress(ip: .loopbackV4, port: 49160)
        let mapped = TransportAddress(ip: .loopbackV4, port: 40000)
        let turnServer = TransportAddress(ip: .loopbackV4, port: 3478)
        let relay = agent.addLocalCandidate(address: relayed, socket: ICESocketID(7), type: .relay,
                                            relatedAddress: mapped, server: turnServer)
        #expect(relay.type == .relay)
        #expect(relay.priority == ICECandidate.priority(type: .relay))
        #expect(relay.relatedHost == .ip(.loopbackV4) && relay.relatedPort == 40000)
        #expect(relay.foundation == ICECandidate.foundation(type: .relay, baseIP: .loopbackV4, server: turnServer))
        agent.setRemoteCredentials(theirs)
        let remote = TransportAddress(ip: .loopbackV4, port: 20000)
        agent.addRemoteCandidate(try ICECandidate(sdp: "candidate:1 1 udp 2130706431 127.0.0.1 20000 typ host"))
        agent.handleTimeout(now: .zero)
        guard case let .transmit(check) = agent.pollOutput() else {
            Issue.record("no check sent")
            return
        }
        #expect(check.socket == ICESocketID(7))
        #expect(check.source == relayed)
        #expect(check.destination == remote)
        let request = try STUNMessage(parsing: check.bytes)
        #expect(request.username == "\(theirs.ufrag):\(mine.ufrag)")
        #expect(request.iceControlling != nil)
        #expect(request.priority == (110 << 24) | (relay.priority & 0xFFFFFF))
        #expect(request.verifyIntegrity(key: Array(theirs.password.utf8)))

        // The answer arrives (unwrapped by the TURN layer) on the same socket: the pair is valid.
        let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID, attributes: [.xorMappedAddress(relayed)])
            .encoded(integrityKey: Array(theirs.password.utf8), fingerprint: true)
        agent.handle(ICEReceivedDatagram(socket: ICESocketID(7), source: remote, destination: relayed, bytes: response), now: .zero + .milliseconds(30))
        #expect(agent.selectedPair?.local.type == .relay)
        #expect(agent.selectedPair?.socket == ICESocketID(7))
        #expect(agent.roundTripTime == .milliseconds(30))
        #expect(agent.state == .connected)
        #expect(agent.hasValidPair(remote: remote, socket: ICESocketID(7)))
        #expect(!agent.hasValidPair(remote: remote, socket: ICESocketID(1)))
        #expect(!agent.hasValidPair(remote: TransportAddress(ip: .loopbackV4, port: 20001), socket: ICESocketID(7)))
    }

    @Test("thousands of random and mutated datagrams neither trap nor stop the agents connecting")
    func hostileInput() {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 70)
        network.start()
        var random = SeededRandom(seed: 71)
        let credentials = network.agents[0].localCredentials
        let template = STUNMessage(
            type: .bindingRequest, transactionID: STUNTransactionID(using: &random),
            attributes: [.username("\(credentials.ufrag):x"), .priority(5), .iceControlling(1), .useCandidate])
            .encoded(integrityKey: Array(credentials.password.utf8), fingerprint: true)
        for round in 0..<3_000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                bytes = template
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            let source = TransportAddress(ip: .loopbackV4, port: UInt16.random(in: 1...65535, using: &random))
            network.agents[0].handle(ICEReceivedDatagram(socket: network.socket, source: source, destination: network.hosts[0], bytes: bytes), now: network.now)
        }
        let drops = network.agents[0].dropCounts.values.reduce(0, +)
        #expect(drops >= 2_900)
        let connected = network.run(until: .seconds(5), ICEAgentConnectivityTests.completed)
        #expect(connected)
        #expect(network.agents[0].selectedPair?.remoteAddress == network.hosts[1])
    }

    @Test("ordinary checks are paced one per Ta, highest pair priority first")
    func pacing() throws {
        var random = SeededRandom(seed: 90)
        var agent = ICEAgent(role: .controlling, localCredentials: .random(using: &random), seed: 91)
        agent.addLocalCandidate(address: TransportAddress(ip: .loopbackV4, port: 10000), socket: ICESocketID(1))
        agent.setRemoteCredentials(.random(using: &random))
        for (port, priority) in [(20001, 100), (20002, 300), (20003, 200)] {
            agent.addRemoteCandidate(try ICECandidate(sdp: "candidate:\(port) 1 udp \(priority) 127.0.0.1 \(port) typ host"))
        }
        var sent: [(Instant, UInt16)] = []
        var now = Instant.zero
        agent.handleTimeout(now: now)
        while now < .zero + .milliseconds(140) {
            switch agent.pollOutput() {
            case let .transmit(transmit): sent.append((now, transmit.destination.port))
            case .event: continue
            case let .timeout(at):
                guard let at else { Issue.record("no timer while checks are pending"); return }
                now = at
                agent.handleTimeout(now: now)
            }
        }
        #expect(sent.map(\.1) == [20002, 20003, 20001])
        #expect(sent.map(\.0) == [.zero, .zero + .milliseconds(50), .zero + .milliseconds(100)])
    }
}
