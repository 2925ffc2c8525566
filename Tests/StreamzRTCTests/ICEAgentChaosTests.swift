import Testing
@testable import StreamzRTC

@Suite("ICE agent under random operations")
struct ICEAgentChaosTests {
    @Test("random restarts, candidates, partitions and loss never trap and the agents recover", arguments: [101, 102, 103, 104] as [UInt64])
    func chaos(seed: UInt64) throws {
        var network = ICESimulatedNetwork(roles: (.controlling, .controlled), seed: seed)
        var candidates = network.start(endOfCandidates: false)
        var random = SeededRandom(seed: seed ^ 0xABCD)
        for _ in 0..<40 {
            let agent = Int.random(in: 0...1, using: &random)
            switch Int.random(in: 0..<8, using: &random) {
            case 0:
                // Both sides restart, as an offer/answer with new credentials would make them.
                for index in 0..<2 { network.agents[index].restart(localCredentials: .random(using: &random)) }
                for index in 0..<2 {
                    network.agents[index].setRemoteCredentials(network.agents[1 - index].localCredentials)
                    candidates[1 - index].ufrag = network.agents[1 - index].localCredentials.ufrag
                    network.agents[index].addRemoteCandidate(candidates[1 - index])
                }
            case 1:
                let port = UInt16.random(in: 30000...30100, using: &random)
                network.agents[agent].addRemoteCandidate(try ICECandidate(sdp: "candidate:\(port) 1 udp \(port) 127.0.0.1 \(port) typ host"))
            case 2:
                network.partitioned.toggle()
            case 3:
                network.loss = Double.random(in: 0...0.5, using: &random)
            case 4:
                network.agents[agent].setRemoteEndOfCandidates()
            case 5:
                let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                network.agents[agent].handle(ICEReceivedDatagram(socket: network.socket, source: network.hosts[1 - agent],
                                                                 destination: network.hosts[agent], bytes: bytes), now: network.now)
            default:
                break
            }
            for index in 0..<2 { network.agents[index].handleTimeout(now: network.now) }
            _ = network.run(until: .milliseconds(Int64.random(in: 10...8000, using: &random))) { _ in false }
            for agent in network.agents {
                if let selected = agent.selectedPair {
                    #expect(selected.isValid)
                    #expect(selected.state == .succeeded)
                }
                if agent.state == .completed { #expect(agent.selectedPair?.nominated == true) }
            }
        }
        // Calm network, one last restart: they must find each other again.
        network.partitioned = false
        network.loss = 0
        for index in 0..<2 { network.agents[index].restart(localCredentials: .random(using: &random)) }
        for index in 0..<2 {
            network.agents[index].setRemoteCredentials(network.agents[1 - index].localCredentials)
            candidates[1 - index].ufrag = network.agents[1 - index].localCredentials.ufrag
            network.agents[index].addRemoteCandidate(candidates[1 - index])
            network.agents[index].handleTimeout(now: network.now)
        }
        let recovered = network.run(until: .seconds(20), ICEAgentConnectivityTests.completed)
        #expect(recovered)
        #expect(network.agents.filter { $0.role == .controlling }.count == 1)
    }
}
