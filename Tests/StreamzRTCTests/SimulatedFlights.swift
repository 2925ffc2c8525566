@testable import StreamzRTC

/// Datagrams in flight on a simulated network, shared by `ICESimulatedNetwork` (bare ICE agents)
/// and `PeerSimulatedNetwork` (whole peers): each send is lost or delayed by draws from the
/// caller's seeded generator (loss first, then delay), and a wide delay range makes later datagrams
/// overtake earlier ones (reordering). Due flights come out by delivery time, then send order.
struct SimulatedFlights {
    struct Flight {
        var deliverAt: Instant
        var sequence: Int
        var source: TransportAddress
        var destination: TransportAddress
        var bytes: [UInt8]
    }

    private(set) var flights: [Flight] = []
    private var sequence = 0

    /// When the next flight lands; nil when nothing is in flight.
    var nextDelivery: Instant? { flights.map(\.deliverAt).min() }

    /// Puts a datagram in flight unless the loss draw drops it; returns whether it was sent.
    @discardableResult
    mutating func send(source: TransportAddress, destination: TransportAddress, bytes: [UInt8], now: Instant,
                       loss: Double, delayMilliseconds: ClosedRange<Int64>, using random: inout some RandomNumberGenerator) -> Bool {
        if Double.random(in: 0..<1, using: &random) < loss { return false }
        let delay = Int64.random(in: delayMilliseconds, using: &random)
        sequence += 1
        flights.append(Flight(deliverAt: now + .milliseconds(delay), sequence: sequence, source: source,
                              destination: destination, bytes: bytes))
        return true
    }

    /// Removes and returns every flight due at `now`, in delivery order.
    mutating func takeDue(now: Instant) -> [Flight] {
        let due = flights.filter { $0.deliverAt <= now }.sorted { ($0.deliverAt, $0.sequence) < ($1.deliverAt, $1.sequence) }
        flights.removeAll { $0.deliverAt <= now }
        return due
    }
}
