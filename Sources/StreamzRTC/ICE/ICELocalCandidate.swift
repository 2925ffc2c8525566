/// The runtime's name for one of its sockets (or, later, a TURN allocation reached through
/// one). The agent never opens anything: it says which socket to send from and is told
/// which one a datagram arrived on.
public struct ICESocketID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "socket\(rawValue)" }
}

/// A local candidate with what the agent needs to send from it: its base (RFC 8445 §5.1.1:
/// the address packets actually leave from) and the socket that owns that base.
/// A relay candidate's base is its relayed address and its socket names the allocation.
public struct ICELocalCandidate: Hashable, Sendable {
    public var candidate: ICECandidate
    public var base: TransportAddress
    public var socket: ICESocketID

    public init(candidate: ICECandidate, base: TransportAddress, socket: ICESocketID) {
        self.candidate = candidate
        self.base = base
        self.socket = socket
    }
}
