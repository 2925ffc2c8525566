import Testing
@testable import StreamzRTC

@Suite("ICE agent over a simulated network")
struct ICEAgentConnectivityTests {
    static func completed(_ network: ICESimulatedNetwork) -> Bool {
        network.agents.allSatisfy { $0.state == .completed }
    }

    @Test("controlling and controlled agents connect, nominate and agree on the pair")
    func connects() throws {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 1)
        network.start()
        do { let reached = network.run(until: .seconds(5), Self.completed); #expect(reached) }
        let a = try #require(network.agents[0].selectedPair)
        let b = try #require(network.agents[1].selectedPair)
        #expect(a.local.type == .host && a.remote.type == .host)
        #expect(a.localBase == network.hosts[0] && a.remoteAddress == network.hosts[1])
        #expect(b.localBase == network.hosts[1] && b.remoteAddress == network.hosts[0])
        #expect(a.nominated && b.nominated)
        // 10 ms each way in this network.
        #expect(network.agents[0].roundTripTime == .milliseconds(20))
        #expect(network.agents[1].roundTripTime == .milliseconds(20))
        #expect(network.events[0].contains(.stateChanged(.checking)))
        #expect(network.events[0].contains(.stateChanged(.connected)))
        // Completion within a few pacing intervals and round trips, not seconds.
        #expect(network.now < Instant.zero + .milliseconds(200))
    }

    @Test("connects through 30% loss and jittery delay", arguments: [11, 12, 13, 14, 15] as [UInt64])
    func connectsWithLoss(seed: UInt64) {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: seed)
        network.loss = 0.3
        network.delayMilliseconds = 5...80
        network.start()
        do { let reached = network.run(until: .seconds(15), Self.completed); #expect(reached) }
        #expect(network.agents[0].selectedPair?.remoteAddress == network.hosts[1])
    }

    @Test("the same seed gives the same trace; another seed a different one")
    func deterministic() {
        func trace(_ seed: UInt64) -> [String] {
            var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: seed)
            network.loss = 0.2
            network.delayMilliseconds = 1...50
            network.start()
            _ = network.run(until: .seconds(12)) { _ in false }
            return network.trace
        }
        let first = trace(42)
        #expect(first.count > 20)
        #expect(first == trace(42))
        #expect(first != trace(43))
    }

    @Test("a peer learned only from its checks becomes a peer-reflexive candidate; its NAT mapping a local prflx")
    func peerReflexive() throws {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 3)
        // B sits behind a NAT; A never hears of B's candidates (they are lost in signalling).
        network.nats[1] = .init(inside: network.hosts[1], external: TransportAddress(ip: .loopbackV4, port: 45000))
        network.start(signal: [0], endOfCandidates: false)
        do { let reached = network.run(until: .seconds(5), Self.completed); #expect(reached) }
        let a = try #require(network.agents[0].selectedPair)
        #expect(a.remote.type == .peerReflexive)
        #expect(a.remoteAddress == TransportAddress(ip: .loopbackV4, port: 45000))
        let b = try #require(network.agents[1].selectedPair)
        #expect(b.local.type == .peerReflexive)
        #expect(b.local.address == TransportAddress(ip: .loopbackV4, port: 45000))
        #expect(b.localBase == network.hosts[1])
        #expect(network.agents[0].remoteCandidates.map(\.type) == [.peerReflexive])
    }

    @Test("a later signalled candidate replaces the peer-reflexive one (trickle)")
    func trickleReplacesPrflx() throws {
        var network = ICESimulatedNetwork(roles: (.controlled, .controlling), seed: 4)
        let candidates = network.start(signal: [0], endOfCandidates: false)
        do { let reached = network.run(until: .seconds(5), Self.completed); #expect(reached) }
        #expect(network.agents[0].remoteCandidates.map(\.type) == [.peerReflexive])
        #expect(network.agents[0].addRemoteCandidate(candidates[1]) == nil)
        #expect(network.agents[0].remoteCandidates.map(\.type) == [.host])
        #expect(network.agents[0].selectedPair?.remote.type == .host)
    }

    @Test("both controlling: the 487 role conflict repair leaves exactly one controlling agent",
          arguments: [(ICERole.controlling, ICERole.controlling), (.controlled, .controlled)])
    func roleConflict(roles: (ICERole, ICERole)) {
        for seed in [5, 6, 7] as [UInt64] {
            var network = ICESimulatedNetwork(roles: roles, seed: seed)
            network.start()
            do { let reached = network.run(until: .seconds(5), Self.completed); #expect(reached) }
            let controlling = network.agents.filter { $0.role == .controlling }.count
            #expect(controlling == 1)
            let switched = network.events.flatMap { $0 }.filter { if case .roleChanged = $0 { true } else { false } }
            #expect(switched.count == 1)
        }
    }

    @Test("an unreachable peer fails after every check times out, with the pairs tried")
    func unreachable() throws {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 8)
        network.unreachable = [1]
        network.start()
        do { let reached = network.run(until: .seconds(60)) { $0.agents[0].state == .failed }; #expect(reached) }
        // Seven transmissions: RTO 250 ms doubling to a 3 s cap, then one more RTO:
        // 0.25+0.5+1+2+3+3+3 = 12.75 s after the first check.
        #expect(network.now == Instant.zero + .milliseconds(12750))
        let tried = network.agents[0].checklist
        #expect(tried.count == 1)
        #expect(tried.first?.state == .failed)
        #expect(tried.first?.requestsSent == 1)
        #expect(network.trace.filter { $0.contains("A send") }.count == 7)
        #expect(tried.first?.remoteAddress == network.hosts[1])
        #expect(network.agents[0].selectedPair == nil)
        let report = try #require(network.agents[0].failureReport)
        #expect(report.contains("host 127.0.0.1:10000 -> host 127.0.0.1:20000 failed (1 checks, 0 responses)"))
    }

    @Test("without end-of-candidates failure waits for the trickle grace period")
    func failureWaitsForTrickle() {
        var config = ICEAgentConfig()
        config.trickleGrace = .seconds(20)
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 9, config: config)
        network.unreachable = [1]
        network.start(endOfCandidates: false)
        _ = network.run(until: .milliseconds(12800)) { _ in false }
        #expect(network.agents[0].checklist.first?.state == .failed)
        #expect(network.agents[0].state == .checking)
        do { let reached = network.run(until: .seconds(60)) { $0.agents[0].state == .failed }; #expect(reached) }
        #expect(network.now == Instant.zero + .seconds(20))
    }

    @Test("consent freshness: silence makes the state disconnected, then failed after 30 s")
    func consentLoss() throws {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 10)
        network.start()
        do { let reached = network.run(until: .seconds(5), Self.completed); #expect(reached) }
        // Consent checks keep the pair alive while the network works.
        do { let reached = network.run(until: .seconds(60)) { $0.agents.contains { $0.state != .completed } }; #expect(!reached) }
        let consentChecks = network.agents[0].selectedPair?.requestsSent ?? 0
        #expect(consentChecks >= 10)
        network.partitioned = true
        let cut = network.now
        do { let reached = network.run(until: .seconds(20)) { $0.agents[0].state == .disconnected }; #expect(reached) }
        #expect(network.now - cut <= .seconds(10))
        do { let reached = network.run(until: .seconds(40)) { $0.agents[0].state == .failed }; #expect(reached) }
        #expect(network.now - cut <= .seconds(30))
        #expect(network.now - cut > .seconds(24))
        // After consent is lost nothing more is sent.
        let sent = network.trace.count
        _ = network.run(until: .seconds(30)) { _ in false }
        #expect(network.trace.filter { $0.contains("A send") }.count == network.trace.prefix(sent).filter { $0.contains("A send") }.count)
    }

    @Test("a short outage is disconnected then connected again")
    func recovers() {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 11)
        network.start()
        do { let reached = network.run(until: .seconds(5), Self.completed); #expect(reached) }
        network.partitioned = true
        do { let reached = network.run(until: .seconds(20)) { $0.agents[0].state == .disconnected }; #expect(reached) }
        network.partitioned = false
        do { let reached = network.run(until: .seconds(15), Self.completed); #expect(reached) }
    }
}
