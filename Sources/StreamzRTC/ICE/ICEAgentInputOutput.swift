/// A datagram the runtime received and classified as STUN.
public struct ICEReceivedDatagram: Sendable {
    public var socket: ICESocketID
    public var source: TransportAddress
    /// The local address it arrived at (the socket's bound address, or a relayed address).
    public var destination: TransportAddress
    public var bytes: [UInt8]

    public init(socket: ICESocketID, source: TransportAddress, destination: TransportAddress, bytes: [UInt8]) {
        self.socket = socket
        self.source = source
        self.destination = destination
        self.bytes = bytes
    }
}

/// A datagram the runtime must send from `socket` (bound at `source`) to `destination`.
public struct ICETransmit: Hashable, Sendable {
    public var socket: ICESocketID
    public var source: TransportAddress
    public var destination: TransportAddress
    public var bytes: [UInt8]
}

public enum ICEEvent: Hashable, Sendable {
    case stateChanged(ICEConnectionState)
    case gatheringStateChanged(ICEGatheringState)
    /// A candidate found by gathering (server reflexive; relay later): signal it to the peer.
    case localCandidate(ICECandidate)
    case selectedPairChanged(ICEPairSnapshot)
    /// A role conflict (RFC 8445 §7.3.1.1) made this agent switch role.
    case roleChanged(ICERole)
}

/// What `ICEAgent.pollOutput()` yields, in the str0m style.
public enum ICEOutput: Hashable, Sendable {
    case transmit(ICETransmit)
    case event(ICEEvent)
    /// Nothing more now: call `handleTimeout` at this instant (nil: no timer needed).
    case timeout(Instant?)
}
