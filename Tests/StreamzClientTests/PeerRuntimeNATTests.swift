import Foundation
import Testing
import StreamzProtocol
import StreamzRTC
@testable import StreamzClient

/// Server-reflexive gathering against coturn, and two runtimes behind NATs connecting through it.
@Suite("PeerRuntime behind NAT with a STUN server (network namespaces, coturn)", .serialized)
struct PeerRuntimeNATTests {
    static let servers = [ICEServer(urls: ["stun:\(NATTopology.stunServer):3478",
                                           // Kept for the TURN work, not allocated; must not disturb gathering.
                                           "turn:\(NATTopology.stunServer):3478?transport=udp"],
                                    username: "1:test", credential: "unused")]

    /// Forwards each runtime's trickled candidates to the other until both are connected (or one failed).
    static func connect(_ device: PeerRuntime, _ viewer: PeerRuntime) async throws -> [ReceivedMedia] {
        let offer = try await device.createOffer()
        let answer = try await viewer.acceptOffer(try SessionDescription(parsing: offer.sdpText))
        try await device.applyAnswer(try SessionDescription(parsing: answer.sdpText))
        return try await withThrowingTaskGroup(of: (Int, ReceivedMedia).self) { group in
            for (index, runtime) in [device, viewer].enumerated() {
                let other = index == 0 ? viewer : device
                group.addTask {
                    var media = ReceivedMedia()
                    for await event in runtime.events {
                        media.record(event)
                        if case .localCandidate(let candidate) = event {
                            try await other.addRemoteCandidate(candidate.sdpAttributeValue(), sdpMid: "0", mLineIndex: 0)
                        }
                        if media.connected || media.failure != nil { break }
                    }
                    return (index, media)
                }
            }
            var results = [ReceivedMedia(), ReceivedMedia()]
            for try await (index, media) in group { results[index] = media }
            return results
        }
    }

    /// Stats once gathering completed: the other side's srflx candidate may have been enough to
    /// connect while this side's own answer from coturn was still on its way. Bounded by the
    /// runtime's watchdog; coturn answers in milliseconds.
    static func statsAfterGathering(_ runtime: PeerRuntime) async throws -> PeerRuntimeStats {
        while true {
            let stats = try await runtime.stats()
            if stats.gatheringState == .complete { return stats }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("each home gathers its router's public address from coturn; the two homes connect through srflx/prflx",
          .enabled(if: NATTopology.available, "needs root, ip, iptables and turnserver (CI=true runs it regardless)"))
    func twoHomesBehindNAT() async throws {
        let topology = try NATTopology()
        defer { topology.tearDown() }
        let roles: [RTCPeerRole] = [.device(RuntimeTestSupport.deviceOptions), .viewer(wanting: [.video, .audio])]
        var runtimes: [PeerRuntime] = []
        for index in 0..<2 {
            let options = PeerRuntime.Options(peer: try RuntimeTestSupport.config(role: roles[index]),
                                              iceServers: Self.servers, addressFamilies: [.ipv4])
            runtimes.append(try topology.inNamespace(topology.homes[index]) { try PeerRuntime(options) })
        }
        defer { runtimes.forEach { $0.close() } }
        let watchdogs = runtimes.map { RuntimeTestSupport.watchdog($0, seconds: 30) }
        defer { watchdogs.forEach { $0.cancel() } }
        for index in 0..<2 {
            #expect(runtimes[index].localAddresses.map(\.ip.description) == [NATTopology.homeHosts[index]])
            #expect(runtimes[index].iceServerURLs.count == 2 && runtimes[index].ignoredICEServerURLs.isEmpty)
        }

        let media = try await Self.connect(runtimes[0], runtimes[1])
        for index in 0..<2 {
            try #require(media[index].connected, "peer \(index): \(media[index].log)")
            let stats = try await Self.statsAfterGathering(runtimes[index])
            let srflx = stats.localCandidates.filter { $0.type == .serverReflexive }
            // The NAT's public address, with the home address as its base (RFC 8445 §5.1.1.2).
            #expect(srflx.map { $0.host.description } == [NATTopology.routerWAN[index]], "\(stats.localCandidates)")
            #expect(srflx.first?.relatedHost?.description == NATTopology.homeHosts[index])
            let pair = try #require(stats.selectedPair)
            // Private addresses are unreachable across the homes: only the NAT mappings can carry it.
            #expect([ICECandidateType.serverReflexive, .peerReflexive].contains(pair.remoteType), "\(pair)")
            #expect(pair.remote.ip.description == NATTopology.routerWAN[1 - index])
        }
        // SRTP over the punched path.
        let audioSSRC = RuntimeTestSupport.deviceOptions.audioSSRC
        try await runtimes[0].sendRTP((0..<10).map {
            RTPPacket(header: RTPHeader(payloadType: 111, sequenceNumber: UInt16($0), timestamp: UInt32($0 * 960), ssrc: audioSSRC),
                      payload: [0xFC])
        })
        var received = ReceivedMedia()
        for await event in runtimes[1].events {
            received.record(event)
            if received.rtp[.audio, default: 0] == 10 { break }
        }
        #expect(received.rtp[.audio] == 10)
    }

    @Test("a STUN server that never answers and a name that does not resolve do not hold up connecting")
    func deadServers() async throws {
        let servers = [ICEServer(urls: ["stun:127.0.0.1:9", "stun:streamz-test.invalid", "stuns:127.0.0.1", "bogus"])]
        let roles: [RTCPeerRole] = [.device(RuntimeTestSupport.deviceOptions), .viewer(wanting: [.video, .audio])]
        let runtimes = try roles.map {
            try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: $0), loopbackOnly: true, iceServers: servers))
        }
        defer { runtimes.forEach { $0.close() } }
        let watchdogs = runtimes.map { RuntimeTestSupport.watchdog($0, seconds: 20) }
        defer { watchdogs.forEach { $0.cancel() } }
        #expect(runtimes[0].ignoredICEServerURLs.map(\.url) == ["stuns:127.0.0.1", "bogus"])
        let media = try await Self.connect(runtimes[0], runtimes[1])
        #expect(media[0].connected && media[1].connected, "\(media[0].log) \(media[1].log)")
        // Connected while the silent server's request is still being retransmitted (it fails after 39.5 s).
        #expect(try await runtimes[0].stats().gatheringState == .gathering)
    }
}
