import Testing
@testable import StreamzRTC

/// Single-agent checks of specific RFC 8445 rules, with hand-made peer messages.
@Suite("ICE agent RFC 8445 rules")
struct ICEAgentRFCRulesTests {
    let mine = ICECredentials(ufrag: "mine", password: "mine-password-0123456789")
    let theirs = ICECredentials(ufrag: "them", password: "their-password-0123456789")
    let local = TransportAddress(ip: .loopbackV4, port: 10000)
    let peer = TransportAddress(ip: .loopbackV4, port: 20000)

    func agent(_ role: ICERole, tieBreaker: UInt64) -> ICEAgent {
        var agent = ICEAgent(role: role, localCredentials: mine, seed: 5)
        agent.tieBreaker = tieBreaker
        agent.addLocalCandidate(address: local, socket: ICESocketID(1))
        agent.setRemoteCredentials(theirs)
        return agent
    }

    func request(_ attributes: [STUNAttribute], id seed: UInt64 = 1) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &random),
                           attributes: [.username("mine:them"), .priority(1_862_270_975)] + attributes)
            .encoded(integrityKey: Array(mine.password.utf8), fingerprint: true)
    }

    func receive(_ agent: inout ICEAgent, _ bytes: [UInt8], at now: Instant = .zero) {
        agent.handle(ICEReceivedDatagram(socket: ICESocketID(1), source: peer, destination: local, bytes: bytes), now: now)
    }

    /// Drains outputs and returns the parsed STUN messages sent.
    func sent(_ agent: inout ICEAgent) throws -> [STUNMessage] {
        var messages: [STUNMessage] = []
        while true {
            switch agent.pollOutput() {
            case let .transmit(transmit): messages.append(try STUNMessage(parsing: transmit.bytes))
            case .event: continue
            case .timeout: return messages
            }
        }
    }

    @Test("§7.3.1.1: controlling with the larger tie-breaker answers 487 and keeps its role")
    func controllingWins() throws {
        var agent = agent(.controlling, tieBreaker: 100)
        receive(&agent, request([.iceControlling(50)]))
        let responses = try sent(&agent)
        #expect(responses.count == 1)
        #expect(responses.first?.type == .bindingError)
        #expect(responses.first?.errorCode?.code == 487)
        #expect(agent.role == .controlling)
    }

    @Test("§7.3.1.1: controlling with the smaller tie-breaker becomes controlled and answers")
    func controllingLoses() throws {
        var agent = agent(.controlling, tieBreaker: 10)
        receive(&agent, request([.iceControlling(50)]))
        #expect(agent.role == .controlled)
        #expect(try sent(&agent).first?.type == .bindingSuccess)
    }

    @Test("§7.3.1.1: controlled with the larger tie-breaker becomes controlling; with the smaller answers 487")
    func bothControlled() throws {
        var winner = agent(.controlled, tieBreaker: 100)
        receive(&winner, request([.iceControlled(50)]))
        #expect(winner.role == .controlling)
        #expect(try sent(&winner).first?.type == .bindingSuccess)
        var loser = agent(.controlled, tieBreaker: 10)
        receive(&loser, request([.iceControlled(50)]))
        #expect(loser.role == .controlled)
        #expect(try sent(&loser).first?.errorCode?.code == 487)
    }

    @Test("§7.2.5.1: a 487 to our check switches role and retries the pair with the new role")
    func conflictResponse() throws {
        var agent = agent(.controlling, tieBreaker: 7)
        agent.addRemoteCandidate(try ICECandidate(sdp: "candidate:1 1 udp 2130706431 127.0.0.1 20000 typ host"))
        agent.handleTimeout(now: .zero)
        let check = try #require(try sent(&agent).first)
        #expect(check.iceControlling == 7)
        let error = STUNMessage(type: .bindingError, transactionID: check.transactionID, attributes: [.errorCode(.roleConflict)])
            .encoded(integrityKey: Array(theirs.password.utf8), fingerprint: true)
        receive(&agent, error, at: .zero + .milliseconds(10))
        #expect(agent.role == .controlled)
        agent.handleTimeout(now: .zero + .milliseconds(60))
        let retry = try #require(try sent(&agent).first)
        #expect(retry.iceControlled == 7)
        #expect(retry.iceControlling == nil)
        #expect(retry.transactionID != check.transactionID)
    }

    @Test("§7.3.1.5: USE-CANDIDATE before our own check succeeds nominates once it does")
    func nominationBeforeSuccess() throws {
        var agent = agent(.controlled, tieBreaker: 1)
        receive(&agent, request([.iceControlling(2), .useCandidate]))
        #expect(try sent(&agent).first?.mappedAddress == peer)
        #expect(agent.state == .checking)
        // The triggered check to the new peer-reflexive candidate.
        agent.handleTimeout(now: .zero)
        let check = try #require(try sent(&agent).first)
        #expect(check.type == .bindingRequest)
        #expect(check.username == "them:mine")
        #expect(check.iceControlled == 1)
        #expect(!check.useCandidate)
        let success = STUNMessage(type: .bindingSuccess, transactionID: check.transactionID, attributes: [.xorMappedAddress(local)])
            .encoded(integrityKey: Array(theirs.password.utf8), fingerprint: true)
        receive(&agent, success, at: .zero + .milliseconds(4))
        #expect(agent.state == .completed)
        let selected = try #require(agent.selectedPair)
        #expect(selected.nominated)
        #expect(selected.remote.type == .peerReflexive)
        #expect(selected.remote.priority == 1_862_270_975)
        #expect(selected.roundTripTime == .milliseconds(4))
    }

    @Test("§7.2.5.2.1: a response from another address than the check went to fails the pair")
    func asymmetricResponse() throws {
        var agent = agent(.controlling, tieBreaker: 1)
        agent.addRemoteCandidate(try ICECandidate(sdp: "candidate:1 1 udp 2130706431 127.0.0.1 20000 typ host"))
        agent.setRemoteEndOfCandidates()
        agent.handleTimeout(now: .zero)
        let check = try #require(try sent(&agent).first)
        let success = STUNMessage(type: .bindingSuccess, transactionID: check.transactionID, attributes: [.xorMappedAddress(local)])
            .encoded(integrityKey: Array(theirs.password.utf8), fingerprint: true)
        agent.handle(ICEReceivedDatagram(socket: ICESocketID(1), source: TransportAddress(ip: .loopbackV4, port: 20001),
                                         destination: local, bytes: success), now: .zero + .milliseconds(5))
        #expect(agent.checklist.first?.state == .failed)
        #expect(agent.selectedPair == nil)
        #expect(agent.state == .failed)
    }

    @Test("a response signed with the wrong password is ignored and the check goes on")
    func forgedResponse() throws {
        var agent = agent(.controlling, tieBreaker: 1)
        agent.addRemoteCandidate(try ICECandidate(sdp: "candidate:1 1 udp 2130706431 127.0.0.1 20000 typ host"))
        agent.handleTimeout(now: .zero)
        let check = try #require(try sent(&agent).first)
        let forged = STUNMessage(type: .bindingSuccess, transactionID: check.transactionID, attributes: [.xorMappedAddress(local)])
            .encoded(integrityKey: Array("guess".utf8), fingerprint: true)
        receive(&agent, forged, at: .zero + .milliseconds(5))
        #expect(agent.dropCounts[.badIntegrity] == 1)
        #expect(agent.checklist.first?.state == .inProgress)
        // The retransmission still goes out on time.
        agent.handleTimeout(now: .zero + .milliseconds(250))
        #expect(try sent(&agent).first?.transactionID == check.transactionID)
    }

    @Test("a check that beats the signalling is answered; our triggered check waits for the credentials")
    func checkBeforeCredentials() throws {
        var agent = ICEAgent(role: .controlled, localCredentials: mine, seed: 5)
        agent.addLocalCandidate(address: local, socket: ICESocketID(1))
        receive(&agent, request([.iceControlling(2)]))
        #expect(try sent(&agent).map(\.type) == [.bindingSuccess])
        agent.handleTimeout(now: .zero + .milliseconds(100))
        #expect(try sent(&agent).isEmpty)
        #expect(agent.remoteCandidates.first?.ufrag == "them")
        agent.setRemoteCredentials(theirs)
        agent.handleTimeout(now: .zero + .milliseconds(200))
        let check = try #require(try sent(&agent).first)
        #expect(check.type == .bindingRequest)
        #expect(check.verifyIntegrity(key: Array(theirs.password.utf8)))
    }
}
