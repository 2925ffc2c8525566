/// A datagram the runtime received on one of its sockets.
public struct RTCPeerDatagram: Sendable {
    public var bytes: [UInt8]
    public var source: TransportAddress
    /// The socket it arrived on, and that socket's bound address.
    public var socket: ICESocketID
    public var destination: TransportAddress

    public init(bytes: [UInt8], source: TransportAddress, socket: ICESocketID, destination: TransportAddress) {
        self.bytes = bytes
        self.source = source
        self.socket = socket
        self.destination = destination
    }
}

/// What the runtime feeds `RTCPeer.handle(_:now:)`.
public enum RTCPeerInput: Sendable {
    case receive(RTCPeerDatagram)
    /// The instant last returned by `.timeout` has passed.
    case timeout
}

/// A datagram the runtime must send from `socket` to `destination`.
public struct RTCPeerTransmit: Hashable, Sendable {
    public var bytes: [UInt8]
    public var socket: ICESocketID
    public var source: TransportAddress
    public var destination: TransportAddress
}

/// What `RTCPeer.pollOutput()` yields; poll until `.timeout`.
public enum RTCPeerOutput: Sendable {
    case transmit(RTCPeerTransmit)
    case event(RTCPeerEvent)
    /// Nothing more now; feed `.timeout` at this instant (nil: only input can wake the peer).
    case timeout(Instant?)
}

/// The path media takes: direct between the devices or through a TURN relay.
public enum RTCConnectionType: String, Hashable, Sendable {
    case p2p, relay
}

/// The selected candidate pair, as the UI and stats report it.
public struct RTCSelectedPair: Hashable, Sendable {
    public var localType: ICECandidateType
    public var remoteType: ICECandidateType
    public var local: TransportAddress
    public var remote: TransportAddress
    /// `relay` when either end is a relay candidate.
    public var connectionType: RTCConnectionType {
        localType == .relay || remoteType == .relay ? .relay : .p2p
    }
}

/// Why the peer gave up: `code` is PROTOCOL.md's snake_case token, `detail` says what happened.
public struct RTCPeerFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var detail: String

    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code): \(detail)" }
}

public enum RTCPeerEvent: Sendable {
    /// A local candidate to trickle to the remote side (gathered after our description was made).
    case localCandidate(ICECandidate)
    case iceStateChanged(ICEConnectionState)
    case selectedPair(RTCSelectedPair)
    case dtlsConnected(profile: SRTPProfile, cipher: String?)
    /// ICE selected a pair, DTLS finished and the SRTP sessions exist: media can flow.
    case connected
    case failed(RTCPeerFailure)
    case rtpReceived(RTPPacket, kind: MediaKind)
    case rtcpReceived([RTCPPacket])
    case closed
}

/// Misuse of the peer's API (wrong role, wrong order) or a packet it could not send.
public enum RTCPeerError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongRole(String)
    case wrongState(String)
    case negotiation(SDPNegotiationError)
    case invalidCandidate(String)
    case notConnected
    case send(String)

    public var description: String {
        switch self {
        case .wrongRole(let what): "wrong role: \(what)"
        case .wrongState(let what): "wrong state: \(what)"
        case .negotiation(let error): error.description
        case .invalidCandidate(let what): "invalid candidate: \(what)"
        case .notConnected: "not connected: SRTP keys are not ready"
        case .send(let what): "cannot send: \(what)"
        }
    }
}
