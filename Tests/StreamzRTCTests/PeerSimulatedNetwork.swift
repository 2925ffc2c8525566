import Testing
@testable import StreamzRTC

/// Two `RTCPeer`s (a device that offers, a viewer that answers) on an in-memory network, driven by
/// a virtual clock that jumps to the next delivery or timeout, like `ICESimulatedNetwork` does for
/// bare agents; both keep their datagrams in `SimulatedFlights`. Loss and delay (delays drawn per datagram from a range, so datagrams overtake each
/// other: reordering) come from seeded generators, one per direction and datagram kind, so a DTLS
/// retransmission that OpenSSL times on its own clock (DECISIONS.md) cannot shift the
/// draws that decide the fate of STUN or media datagrams.
final class PeerSimulatedNetwork {
    let peers: [RTCPeer]
    let names = ["device", "viewer"]
    let hosts = [TransportAddress(ip: .loopbackV4, port: 40000), TransportAddress(ip: .loopbackV4, port: 50000)]
    let socket = ICESocketID(1)
    var now = Instant.zero
    var loss = 0.0
    var delayMilliseconds: ClosedRange<Int64> = 10...10
    /// Peers whose datagrams never arrive anywhere (and who receive nothing).
    var unreachable: Set<Int> = []
    /// Addresses a peer gained later (a new interface), with the socket it receives them on.
    var extraHosts: [TransportAddress: (peer: Int, socket: ICESocketID)] = [:]
    /// Addresses that stopped working: datagrams from or to them are lost (a path change).
    var blocked: Set<TransportAddress> = []
    private var generators: [String: SeededRandom] = [:]
    private let seed: UInt64
    private var flights = SimulatedFlights()
    /// Per peer, every event in order, as text: the trace compared across runs.
    var eventLog: [[String]] = [[], []]
    var events: [[RTCPeerEvent]] = [[], []]
    /// Media datagrams the network delivered, per receiving peer.
    var deliveredRTP = [0, 0]
    var deliveredRTCP = [0, 0]
    private var timeouts: [Instant?] = [nil, nil]
    /// Called with each event as it comes out of a peer, at the virtual time it happens
    /// (the media tests hand RTP and RTCP to their media sessions here).
    var onEvent: ((Int, RTCPeerEvent) -> Void)?

    init(seed: UInt64) throws {
        self.seed = seed
        var random = SeededRandom(seed: seed)
        let certificates = [try DTLSCertificate(unixTime: 1_790_000_000), try DTLSCertificate(unixTime: 1_790_000_000)]
        let options = DeviceOffer.Options(
            kinds: [.video, .audio], videoSSRC: 0x1111_1111, videoRTXSSRC: 0x2222_2222, audioSSRC: 0x3333_3333,
            cname: "sim", streamID: "stream", videoTrackID: "video0", audioTrackID: "audio0", sessionID: 1)
        var ice = ICEAgentConfig()
        ice.software = nil
        peers = [
            RTCPeer(RTCPeerConfig(role: .device(options), certificate: certificates[0],
                                  iceCredentials: .random(using: &random), seed: random.next(), sessionID: 1, ice: ice,
                                  dtlsInitialRetransmissionTimeout: .milliseconds(50))),
            RTCPeer(RTCPeerConfig(role: .viewer(wanting: [.video, .audio]), certificate: certificates[1],
                                  iceCredentials: .random(using: &random), seed: random.next(), sessionID: 2, ice: ice,
                                  dtlsInitialRetransmissionTimeout: .milliseconds(50))),
        ]
    }

    /// Offer and answer with inline candidates; `tamper` may rewrite the answer text on the way.
    func negotiate(tamperAnswer: (String) -> String = { $0 }) throws {
        for index in 0..<2 { peers[index].addLocalCandidate(address: hosts[index], socket: socket) }
        let offer = try peers[0].createOffer()
        let answer = try peers[1].acceptOffer(try SessionDescription(parsing: offer.sdpText), now: now)
        try peers[0].applyAnswer(try SessionDescription(parsing: tamperAnswer(answer.sdpText)), now: now)
    }

    /// Runs until `done` holds or `limit` of virtual time passes; returns whether `done` held.
    @discardableResult
    func run(for limit: Duration, until done: (PeerSimulatedNetwork) -> Bool = { _ in false }) -> Bool {
        let end = now + limit
        for _ in 0..<500_000 {
            drain()
            if done(self) { return true }
            let next = ([flights.nextDelivery] + timeouts).compactMap { $0 }.min()
            guard let next, next <= end else {
                now = end
                return done(self)
            }
            now = max(now, next)
            for flight in flights.takeDue(now: now) { deliver(flight) }
            for index in 0..<2 where (timeouts[index].map { $0 <= now }) ?? false {
                peers[index].handle(.timeout, now: now)
            }
        }
        Issue.record("simulation did not settle")
        return false
    }

    func drain() {
        for index in 0..<2 {
            poll: while true {
                switch peers[index].pollOutput() {
                case .transmit(let transmit):
                    send(from: index, transmit)
                case .event(let event):
                    events[index].append(event)
                    eventLog[index].append(Self.describe(event))
                    onEvent?(index, event)
                case .timeout(let at):
                    timeouts[index] = at
                    break poll
                }
            }
        }
    }

    func connected(_ index: Int) -> Bool { events[index].contains { if case .connected = $0 { true } else { false } } }
    func failure(_ index: Int) -> RTCPeerFailure? {
        events[index].lazy.compactMap { if case .failed(let failure) = $0 { failure } else { nil } }.first
    }

    /// Gives a peer another host address on its own socket, as a new interface would.
    @discardableResult
    func addHost(_ address: TransportAddress, peer index: Int, socket: ICESocketID) -> ICECandidate {
        extraHosts[address] = (index, socket)
        return peers[index].addLocalCandidate(address: address, socket: socket, localPreference: 65534)
    }

    private func send(from index: Int, _ transmit: RTCPeerTransmit) {
        guard !unreachable.contains(index), !blocked.contains(transmit.source), !blocked.contains(transmit.destination) else { return }
        let kind = DatagramKind(classifying: transmit.bytes)
        let key = "\(index)-\(kind)"
        var random = generators[key] ?? SeededRandom(seed: seed &+ UInt64(truncatingIfNeeded: key.hashValueStable))
        defer { generators[key] = random }
        flights.send(source: transmit.source, destination: transmit.destination, bytes: transmit.bytes, now: now,
                     loss: loss, delayMilliseconds: delayMilliseconds, using: &random)
    }

    private func deliver(_ flight: SimulatedFlights.Flight) {
        let target = hosts.firstIndex(of: flight.destination).map { ($0, socket) }
            ?? extraHosts[flight.destination].map { ($0.peer, $0.socket) }
        guard let (index, receivingSocket) = target, !unreachable.contains(index),
              !blocked.contains(flight.source), !blocked.contains(flight.destination) else { return }
        switch DatagramKind(classifying: flight.bytes) {
        case .rtp: deliveredRTP[index] += 1
        case .rtcp: deliveredRTCP[index] += 1
        default: break
        }
        peers[index].handle(.receive(RTCPeerDatagram(bytes: flight.bytes, source: flight.source, socket: receivingSocket,
                                                     destination: flight.destination)), now: now)
    }

    /// Event text without certificate-dependent bytes or addresses that are the same every run anyway.
    static func describe(_ event: RTCPeerEvent) -> String {
        switch event {
        case .rtpReceived(let packet, let kind):
            "rtp \(kind) pt=\(packet.header.payloadType) ssrc=\(packet.header.ssrc) seq=\(packet.header.sequenceNumber)"
        case .rtcpReceived(let packets): "rtcp \(packets.count)"
        default: "\(event)"
        }
    }
}

private extension String {
    /// FNV-1a: `hashValue` is randomly seeded per process, which would break same-seed-same-trace.
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
