import Testing
@testable import StreamzRTC

@Suite("ICE agent details: gathering, drops, restart, closing")
struct ICEAgentBehaviourTests {
    @Test("a STUN server behind a NAT yields a server-reflexive candidate, then gathering completes")
    func gathersServerReflexive() throws {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 20)
        let external = TransportAddress(ip: .loopbackV4, port: 45000)
        network.nats[0] = .init(inside: network.hosts[0], external: external)
        let server = TransportAddress(ip: .loopbackV4, port: 3478)
        network.stunServer = server
        network.agents[0].addSTUNServer(server)
        network.start()
        let gathered = network.run(until: .seconds(2)) { $0.agents[0].gatheringState == .complete }
        #expect(gathered)
        let srflx = try #require(network.events[0].compactMap { event -> ICECandidate? in
            if case let .localCandidate(candidate) = event { candidate } else { nil }
        }.first)
        #expect(srflx.type == .serverReflexive)
        #expect(srflx.address == external)
        #expect(srflx.relatedHost == .ip(.loopbackV4) && srflx.relatedPort == 10000)
        #expect(srflx.priority == ICECandidate.priority(type: .serverReflexive))
        #expect(network.events[0].contains(.gatheringStateChanged(.gathering)))
        #expect(network.events[0].contains(.gatheringStateChanged(.complete)))
        // A server-reflexive candidate is never paired itself (RFC 8445 §6.1.2.4).
        #expect(network.agents[0].checklist.allSatisfy { $0.local.type != .serverReflexive })
        // And B, which has no server, completes gathering at once.
        #expect(network.events[1].contains(.gatheringStateChanged(.complete)))
    }

    @Test("a silent STUN server: retransmissions on RFC 8489 §6.2.1's schedule, then gathering completes at 39.5 s")
    func gatheringTimesOut() throws {
        var agent = ICEAgent(role: .controlling, localCredentials: ICECredentials(ufrag: "ufrag", password: "password-password-pass"), seed: 21)
        let server = TransportAddress(ip: .loopbackV4, port: 3479)
        agent.addSTUNServer(server)
        agent.addLocalCandidate(address: TransportAddress(ip: .loopbackV4, port: 10000), socket: ICESocketID(1))
        var now = Instant.zero
        var sent: [Duration] = []
        var completedAt: Instant?
        for _ in 0..<100 where completedAt == nil {
            agent.handleTimeout(now: now)
            var next: Instant?
            drain: while true {
                switch agent.pollOutput() {
                case .transmit(let transmit):
                    #expect(transmit.destination == server)
                    sent.append(now - Instant.zero)
                case .event(.gatheringStateChanged(.complete)): completedAt = now
                case .event: break
                case .timeout(let at):
                    next = at
                    break drain
                }
            }
            guard let next else { break }
            now = next
        }
        // RFC 8489 §6.2.1's own example: Rc = 7 sends, RTO 500 ms doubling, failure Rm × RTO after the last.
        #expect(sent == [0, 500, 1500, 3500, 7500, 15500, 31500].map { Duration.milliseconds($0) })
        #expect(completedAt == .zero + .milliseconds(39500))
        #expect(agent.localCandidates.count == 1)
    }

    @Test("a silent STUN server does not hold up connecting")
    func silentServerDoesNotStall() {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 22)
        network.agents[0].addSTUNServer(TransportAddress(ip: .loopbackV4, port: 3479))
        network.start()
        let connected = network.run(until: .seconds(5)) { $0.agents[0].state == .completed && $0.agents[1].state == .completed }
        #expect(connected)
        #expect(network.agents[0].gatheringState == .gathering)
    }

    func agentPair() -> (ICEAgent, ICEAgent, ICECredentials, ICECredentials) {
        var random = SeededRandom(seed: 30)
        let a = ICECredentials.random(using: &random), b = ICECredentials.random(using: &random)
        var agent = ICEAgent(role: .controlled, localCredentials: a, seed: 1)
        agent.addLocalCandidate(address: TransportAddress(ip: .loopbackV4, port: 10000), socket: ICESocketID(1))
        agent.setRemoteCredentials(b)
        return (agent, ICEAgent(role: .controlling, localCredentials: b, seed: 2), a, b)
    }

    func request(username: String, password: String, attributes: [STUNAttribute] = [.priority(1), .iceControlling(9)]) -> [UInt8] {
        var random = SeededRandom(seed: 31)
        return STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &random),
                           attributes: [.username(username)] + attributes)
            .encoded(integrityKey: Array(password.utf8), fingerprint: true)
    }

    func datagram(_ bytes: [UInt8], port: UInt16 = 10000) -> ICEReceivedDatagram {
        ICEReceivedDatagram(socket: ICESocketID(1), source: TransportAddress(ip: .loopbackV4, port: 20000),
                            destination: TransportAddress(ip: .loopbackV4, port: port), bytes: bytes)
    }

    @Test("STUN not meant for the agent is dropped with a counted reason")
    func drops() {
        var (agent, _, mine, theirs) = agentPair()
        let now = Instant.zero
        agent.handle(datagram([0, 1, 2]), now: now)
        agent.handle(datagram(request(username: "\(mine.ufrag):\(theirs.ufrag)", password: "wrong-password-here")), now: now)
        agent.handle(datagram(request(username: "nope:\(theirs.ufrag)", password: mine.password)), now: now)
        agent.handle(datagram(request(username: "\(mine.ufrag):\(theirs.ufrag)", password: mine.password), port: 9), now: now)
        agent.handle(datagram(request(username: "\(mine.ufrag):\(theirs.ufrag)", password: mine.password, attributes: [])), now: now)
        var random = SeededRandom(seed: 32)
        let stray = STUNMessage(type: .bindingSuccess, transactionID: STUNTransactionID(using: &random)).encoded(fingerprint: true)
        agent.handle(datagram(stray), now: now)
        var corrupted = request(username: "\(mine.ufrag):\(theirs.ufrag)", password: mine.password)
        corrupted[corrupted.count - 1] ^= 1
        agent.handle(datagram(corrupted), now: now)
        #expect(agent.dropCounts == [
            .malformed: 1, .badIntegrity: 1, .wrongUsername: 1, .unknownLocalAddress: 1, .missingPriority: 1,
            .unknownTransaction: 1, .badFingerprint: 1,
        ])
        // None of them was answered.
        if case .transmit = agent.pollOutput() { Issue.record("a dropped request was answered") }
    }

    @Test("a valid check is answered with XOR-MAPPED-ADDRESS under our password")
    func answersCheck() throws {
        var (agent, _, mine, theirs) = agentPair()
        agent.handle(datagram(request(username: "\(mine.ufrag):\(theirs.ufrag)", password: mine.password)), now: .zero)
        guard case let .transmit(transmit) = agent.pollOutput() else {
            Issue.record("no response")
            return
        }
        let response = try STUNMessage(parsing: transmit.bytes)
        #expect(response.type == .bindingSuccess)
        #expect(response.mappedAddress == TransportAddress(ip: .loopbackV4, port: 20000))
        #expect(response.verifyIntegrity(key: Array(mine.password.utf8)))
        #expect(response.verifyFingerprint())
        #expect(transmit.destination == TransportAddress(ip: .loopbackV4, port: 20000))
        #expect(transmit.source == TransportAddress(ip: .loopbackV4, port: 10000))
        // The unknown source became a peer-reflexive remote candidate with the PRIORITY sent.
        #expect(agent.remoteCandidates.first?.type == .peerReflexive)
        #expect(agent.remoteCandidates.first?.priority == 1)
    }

    @Test("an unknown comprehension-required attribute gets 420 with UNKNOWN-ATTRIBUTES")
    func unknownAttribute() throws {
        var (agent, _, mine, theirs) = agentPair()
        let bytes = request(username: "\(mine.ufrag):\(theirs.ufrag)", password: mine.password,
                            attributes: [.priority(1), .other(type: 0x0077, value: [0])])
        agent.handle(datagram(bytes), now: .zero)
        guard case let .transmit(transmit) = agent.pollOutput() else {
            Issue.record("no response")
            return
        }
        let response = try STUNMessage(parsing: transmit.bytes)
        #expect(response.errorCode?.code == 420)
        #expect(response.attributes.contains(.unknownAttributes([0x0077])))
    }

    @Test("remote candidates that cannot be used are skipped with a reason")
    func skipsCandidates() throws {
        var (agent, _, _, theirs) = agentPair()
        let mdns = try ICECandidate(sdp: "candidate:1 1 udp 2122260223 0b2c6d3e-7f1a-4b7e-9d2f-1a2b3c4d5e6f.local 54321 typ host")
        let tcp = try ICECandidate(sdp: "candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active")
        let rtcp = try ICECandidate(sdp: "candidate:3 2 udp 2122260222 127.0.0.1 5000 typ host")
        let stale = try ICECandidate(sdp: "candidate:4 1 udp 2122260223 127.0.0.1 5001 typ host ufrag old1")
        let v6 = try ICECandidate(sdp: "candidate:5 1 udp 2122260223 ::1 5002 typ host ufrag \(theirs.ufrag)")
        #expect(agent.addRemoteCandidate(mdns) == .unresolvedHostname)
        #expect(agent.addRemoteCandidate(tcp) == .unsupportedTransport)
        #expect(agent.addRemoteCandidate(rtcp) == .unsupportedComponent)
        #expect(agent.addRemoteCandidate(stale) == .otherGeneration)
        #expect(agent.addRemoteCandidate(v6) == .noMatchingLocalCandidate)
        #expect(agent.skippedRemoteCandidates.count == 4)
        #expect(agent.checklist.isEmpty)
    }

    @Test("an ICE restart with new credentials on both sides reconnects")
    func restart() {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 40)
        let candidates = network.start()
        do { let reached = network.run(until: .seconds(5), ICEAgentConnectivityTests.completed); #expect(reached) }
        var random = SeededRandom(seed: 41)
        let fresh = [ICECredentials.random(using: &random), ICECredentials.random(using: &random)]
        network.agents[0].restart(localCredentials: fresh[0])
        network.agents[1].restart(localCredentials: fresh[1])
        #expect(network.agents[0].state == .checking)
        // Media keeps its old path while the restart runs (RFC 8445 §9).
        #expect(network.agents[0].selectedPair != nil)
        for index in 0..<2 {
            network.agents[index].setRemoteCredentials(fresh[1 - index])
            var candidate = candidates[1 - index]
            candidate.ufrag = fresh[1 - index].ufrag
            network.agents[index].addRemoteCandidate(candidate)
            network.agents[index].handleTimeout(now: network.now)
        }
        do { let reached = network.run(until: .seconds(5), ICEAgentConnectivityTests.completed); #expect(reached) }
        #expect(network.agents[0].checklist.filter { $0.nominated }.count >= 1)
        #expect(network.agents[0].remoteCandidates.count == 1)
    }

    @Test("closing stops all output")
    func close() {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 50)
        network.start()
        do { let reached = network.run(until: .seconds(5), ICEAgentConnectivityTests.completed); #expect(reached) }
        network.agents[0].close()
        #expect(network.agents[0].pollOutput() == .event(.stateChanged(.closed)))
        #expect(network.agents[0].pollOutput() == .timeout(nil))
        network.agents[0].handleTimeout(now: network.now + .seconds(10))
        #expect(network.agents[0].pollOutput() == .timeout(nil))
    }

    @Test("after consent expired the agent is silent; a restart brings it back")
    func restartAfterConsentLoss() {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 80)
        let candidates = network.start()
        let connected = network.run(until: .seconds(5), ICEAgentConnectivityTests.completed)
        #expect(connected)
        network.partitioned = true
        let failed = network.run(until: .seconds(40)) { $0.agents.allSatisfy { $0.state == .failed } }
        #expect(failed)
        #expect(network.agents[0].failureReport?.contains("consent expired") == true)
        network.partitioned = false
        var random = SeededRandom(seed: 81)
        let fresh = [ICECredentials.random(using: &random), ICECredentials.random(using: &random)]
        for index in 0..<2 { network.agents[index].restart(localCredentials: fresh[index]) }
        #expect(network.agents[0].selectedPair == nil)
        for index in 0..<2 {
            network.agents[index].setRemoteCredentials(fresh[1 - index])
            // The old candidate carries the old ufrag, so it belongs to the previous generation.
            #expect(network.agents[index].addRemoteCandidate(candidates[1 - index]) == .otherGeneration)
            var candidate = candidates[1 - index]
            candidate.ufrag = fresh[1 - index].ufrag
            #expect(network.agents[index].addRemoteCandidate(candidate) == nil)
            network.agents[index].handleTimeout(now: network.now)
        }
        let again = network.run(until: .seconds(5), ICEAgentConnectivityTests.completed)
        #expect(again)
    }

    @Test("a failed agent checks again when a new remote candidate arrives")
    func recoversFromFailureWithNewCandidate() throws {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: 82)
        network.unreachable = [1]
        network.start(signal: [], endOfCandidates: true)
        // No remote candidates and end-of-candidates: nothing can work.
        let failed = network.run(until: .seconds(1)) { $0.agents[0].state == .failed }
        #expect(failed)
        network.unreachable = []
        network.agents[0].addRemoteCandidate(try ICECandidate(sdp: "candidate:9 1 udp 2130706431 127.0.0.1 20000 typ host"))
        network.agents[0].handleTimeout(now: network.now)
        #expect(network.agents[0].state == .checking)
        let connected = network.run(until: .seconds(5)) { $0.agents[0].state == .completed }
        #expect(connected)
    }
}
