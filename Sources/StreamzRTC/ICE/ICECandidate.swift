/// The candidate types of RFC 8445 §5.1.1.
public enum ICECandidateType: String, Hashable, Sendable, CaseIterable {
    case host
    case serverReflexive = "srflx"
    case peerReflexive = "prflx"
    case relay

    /// RFC 8445 §5.1.2.2 recommended type preferences.
    public var typePreference: UInt32 {
        switch self {
        case .host: 126
        case .peerReflexive: 110
        case .serverReflexive: 100
        case .relay: 0
        }
    }
}

public enum ICETransportProtocol: String, Hashable, Sendable {
    case udp
    case tcp
}

/// RFC 6544 §4.5 TCP candidate roles.
public enum ICETCPType: String, Hashable, Sendable {
    case active
    case passive
    case simultaneousOpen = "so"
}

/// A candidate's connection address: an IP, or a hostname such as the mDNS
/// `<uuid>.local` names browsers use to hide host addresses.
public enum ICECandidateHost: Hashable, Sendable, CustomStringConvertible {
    case ip(IPAddress)
    case name(String)

    public var description: String {
        switch self {
        case let .ip(ip): ip.description
        case let .name(name): name
        }
    }

    /// True for the mDNS names of draft-ietf-mmusic-mdns-ice-candidates.
    public var isMDNS: Bool {
        if case let .name(name) = self { return name.lowercased().hasSuffix(".local") }
        return false
    }
}

/// An extension attribute we do not interpret, kept so formatting can reproduce it.
public struct ICECandidateExtension: Hashable, Sendable {
    public var name: String
    public var value: String
}

/// One ICE candidate as carried in SDP `a=candidate` (RFC 8839 §5.1).
public struct ICECandidate: Hashable, Sendable, CustomStringConvertible {
    public var foundation: String
    /// 1 = RTP; with rtcp-mux and BUNDLE it is the only component.
    public var component: UInt16
    public var transport: ICETransportProtocol
    public var priority: UInt32
    public var host: ICECandidateHost
    public var port: UInt16
    public var type: ICECandidateType
    /// `raddr`/`rport`: the base of a reflexive candidate or the mapped address of a relay one.
    public var relatedHost: ICECandidateHost?
    public var relatedPort: UInt16?
    public var tcpType: ICETCPType?
    public var generation: Int?
    public var ufrag: String?
    public var networkID: Int?
    public var networkCost: Int?
    public var extensions: [ICECandidateExtension]

    public init(
        foundation: String, component: UInt16 = 1, transport: ICETransportProtocol = .udp, priority: UInt32,
        host: ICECandidateHost, port: UInt16, type: ICECandidateType,
        relatedHost: ICECandidateHost? = nil, relatedPort: UInt16? = nil, tcpType: ICETCPType? = nil,
        generation: Int? = nil, ufrag: String? = nil, networkID: Int? = nil, networkCost: Int? = nil,
        extensions: [ICECandidateExtension] = []
    ) {
        self.foundation = foundation
        self.component = component
        self.transport = transport
        self.priority = priority
        self.host = host
        self.port = port
        self.type = type
        self.relatedHost = relatedHost
        self.relatedPort = relatedPort
        self.tcpType = tcpType
        self.generation = generation
        self.ufrag = ufrag
        self.networkID = networkID
        self.networkCost = networkCost
        self.extensions = extensions
    }

    /// The transport address when the host is an IP (nil for unresolved names).
    public var address: TransportAddress? {
        if case let .ip(ip) = host { return TransportAddress(ip: ip, port: port) }
        return nil
    }

    public var description: String { sdpAttributeValue() }
}
