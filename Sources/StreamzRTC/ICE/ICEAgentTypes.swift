/// Which side drives nomination (RFC 8445 §6.1.1): the offerer of a full-ICE session is controlling.
public enum ICERole: String, Hashable, Sendable {
    case controlling
    case controlled
}

/// The agent's overall state, as RTCIceConnectionState names it.
public enum ICEConnectionState: String, Hashable, Sendable {
    case new, checking, connected, completed, disconnected, failed, closed
}

/// Whether local candidate gathering is still running (RTCIceGatheringState).
public enum ICEGatheringState: String, Hashable, Sendable {
    case new, gathering, complete
}

/// A username fragment and password (RFC 8445 §5.3; RFC 8839 §5.4 sizes).
public struct ICECredentials: Hashable, Sendable {
    public var ufrag: String
    public var password: String

    public init(ufrag: String, password: String) {
        self.ufrag = ufrag
        self.password = password
    }

    /// Fresh credentials: an 8-character ufrag (≥ 4 required, 24 bits of randomness) and a
    /// 24-character password (≥ 22 required, 128 bits) from ice-chars.
    public static func random(using generator: inout some RandomNumberGenerator) -> ICECredentials {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        func text(_ count: Int) -> String {
            String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }
        return ICECredentials(ufrag: text(8), password: text(24))
    }
}

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

/// Why a remote candidate was not used.
public enum ICECandidateSkipReason: String, Hashable, Sendable {
    /// An mDNS (`.local`) or other hostname: the runtime must resolve it and add it again as an IP.
    case unresolvedHostname
    /// TCP candidates (RFC 6544) are parsed but this agent checks UDP only.
    case unsupportedTransport
    /// Only component 1 exists with rtcp-mux and BUNDLE.
    case unsupportedComponent
    /// Its ufrag belongs to another ICE generation (before or after a restart).
    case otherGeneration
    /// No local candidate of the same address family.
    case noMatchingLocalCandidate
    case duplicate
    case agentClosed
}

/// Why an incoming datagram was not acted on; counted in `ICEAgent.dropCounts`.
public enum ICEDropReason: String, Hashable, Sendable {
    case malformed
    case badFingerprint
    case missingIntegrity
    case missingUsername
    case wrongUsername
    case badIntegrity
    case missingPriority
    case unknownLocalAddress
    case unknownTransaction
    case unexpectedMessage
    /// A request after consent expired (RFC 7675): the agent stays silent until restarted.
    case consentExpired
    case agentClosed
}

public enum ICEPairState: String, Hashable, Sendable {
    case frozen, waiting, inProgress, succeeded, failed
}

/// A read-only view of a candidate pair, for the selected pair, stats and failure reports.
public struct ICEPairSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var local: ICECandidate
    public var localBase: TransportAddress
    public var socket: ICESocketID
    public var remote: ICECandidate
    public var remoteAddress: TransportAddress
    public var state: ICEPairState
    public var priority: UInt64
    public var isValid: Bool
    public var nominated: Bool
    /// The most recent round-trip time from a check or consent response on this pair.
    public var roundTripTime: Duration?
    public var requestsSent: Int
    public var responsesReceived: Int

    public var description: String {
        "\(local.type.rawValue) \(localBase) -> \(remote.type.rawValue) \(remoteAddress) \(state.rawValue)"
            + (nominated ? " nominated" : "")
    }
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
