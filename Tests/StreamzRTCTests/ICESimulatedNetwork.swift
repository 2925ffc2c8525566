import Testing
@testable import StreamzRTC

/// A deterministic in-memory network for two ICE agents (and a STUN server), driven by a
/// virtual clock that jumps to the next timeout or delivery. Loss and delay come from a seeded
/// generator, so the same seed gives the same trace.
struct ICESimulatedNetwork {
    /// A NAT in front of one agent: its host address is seen from outside as `external`,
    /// and only `external` can be reached from outside (port-restricted hole punching is not modelled).
    struct NAT {
        var inside: TransportAddress
        var external: TransportAddress
    }

    var agents: [ICEAgent]
    let names = ["A", "B"]
    let hosts: [TransportAddress]
    let socket = ICESocketID(1)
    var now = Instant.zero
    var random: SeededRandom
    var loss = 0.0
    var delayMilliseconds: ClosedRange<Int64> = 10...10
    var nats: [Int: NAT] = [:]
    var stunServer: TransportAddress?
    /// Agents cut off both ways (unreachable), and a switch that drops everything.
    var unreachable: Set<Int> = []
    var partitioned = false
    var flights = SimulatedFlights()
    var trace: [String] = []
    var events: [[ICEEvent]] = [[], []]
    var timeouts: [Instant?] = [nil, nil]

    init(roles: (ICERole, ICERole), seed: UInt64, config: ICEAgentConfig = ICEAgentConfig()) {
        var random = SeededRandom(seed: seed)
        let credentials = [ICECredentials.random(using: &random), ICECredentials.random(using: &random)]
        agents = [
            ICEAgent(role: roles.0, localCredentials: credentials[0], config: config, seed: random.next()),
            ICEAgent(role: roles.1, localCredentials: credentials[1], config: config, seed: random.next()),
        ]
        hosts = [TransportAddress(ip: .loopbackV4, port: 10000), TransportAddress(ip: .loopbackV4, port: 20000)]
        self.random = random
    }

    /// Each agent gets its host candidate; credentials are exchanged; candidates are exchanged
    /// for the agents listed in `signal` (index of the agent whose candidates the other learns).
    @discardableResult
    mutating func start(signal: Set<Int> = [0, 1], endOfCandidates: Bool = true) -> [ICECandidate] {
        let candidates = (0..<2).map { agents[$0].addLocalCandidate(address: hosts[$0], socket: socket) }
        for index in 0..<2 {
            let other = 1 - index
            agents[index].setRemoteCredentials(agents[other].localCredentials)
            if signal.contains(other) { agents[index].addRemoteCandidate(candidates[other]) }
            if endOfCandidates { agents[index].setRemoteEndOfCandidates() }
        }
        for index in 0..<2 { agents[index].handleTimeout(now: now) }
        return candidates
    }

    /// Runs until `done` holds or the clock passes `limit`; returns whether `done` held.
    mutating func run(until limit: Duration, _ done: (ICESimulatedNetwork) -> Bool) -> Bool {
        let end = now + limit
        var steps = 0
        while steps < 200_000 {
            steps += 1
            drainOutputs()
            if done(self) { return true }
            let next = ([flights.nextDelivery] + timeouts).compactMap { $0 }.min()
            guard let next, next <= end else {
                now = end
                return done(self)
            }
            now = max(now, next)
            deliverDue()
            for index in 0..<2 where (timeouts[index].map { $0 <= now }) ?? false {
                agents[index].handleTimeout(now: now)
            }
        }
        Issue.record("simulation did not settle (an agent asked for a timeout in the past forever)")
        return false
    }

    private mutating func drainOutputs() {
        for index in 0..<2 {
            while true {
                switch agents[index].pollOutput() {
                case let .transmit(transmit):
                    trace.append("\(now) \(names[index]) send \(transmit.source)->\(transmit.destination) \(transmit.bytes.count)B")
                    send(from: index, transmit)
                    continue
                case let .event(event):
                    trace.append("\(now) \(names[index]) \(event)")
                    events[index].append(event)
                    continue
                case let .timeout(at):
                    timeouts[index] = at
                }
                break
            }
        }
    }

    private mutating func send(from index: Int, _ transmit: ICETransmit) {
        guard !unreachable.contains(index) else { return }
        var source = transmit.source
        if let nat = nats[index], nat.inside == source { source = nat.external }
        enqueue(source: source, destination: transmit.destination, bytes: transmit.bytes)
    }

    private mutating func enqueue(source: TransportAddress, destination: TransportAddress, bytes: [UInt8]) {
        guard !partitioned else { return }
        flights.send(source: source, destination: destination, bytes: bytes, now: now, loss: loss,
                     delayMilliseconds: delayMilliseconds, using: &random)
    }

    private mutating func deliverDue() {
        for flight in flights.takeDue(now: now) { deliver(flight) }
    }

    private mutating func deliver(_ flight: SimulatedFlights.Flight) {
        if flight.destination == stunServer {
            answerBinding(flight)
            return
        }
        for index in 0..<2 where !unreachable.contains(index) {
            let reachable: TransportAddress? = nats[index].map { $0.external == flight.destination ? $0.inside : nil }
                ?? (hosts[index] == flight.destination ? hosts[index] : nil)
            guard let inside = reachable else { continue }
            agents[index].handle(ICEReceivedDatagram(socket: socket, source: flight.source, destination: inside, bytes: flight.bytes), now: now)
            return
        }
    }

    /// A minimal STUN server: a Binding success with XOR-MAPPED-ADDRESS = the source seen.
    private mutating func answerBinding(_ flight: SimulatedFlights.Flight) {
        guard let server = stunServer, let request = try? STUNMessage(parsing: flight.bytes), request.type == .bindingRequest else { return }
        let response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID, attributes: [.xorMappedAddress(flight.source)])
        enqueue(source: server, destination: flight.source, bytes: response.encoded(fingerprint: true))
    }
}
