/// One `a=` line: `a=name` (a property attribute) or `a=name:value`.
/// RFC 8866 §5.13. The value is kept verbatim (minus trailing whitespace) so
/// that attributes nobody here understands survive a round trip.
public struct SDPAttribute: Hashable, Sendable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// Any other `<letter>=<value>` line kept as read (`i=`, `u=`, `t=`, `r=`,
/// `z=`, `k=` or a letter RFC 8866 does not define).
public struct SDPField: Hashable, Sendable {
    public var key: Character
    public var value: String

    public init(_ key: Character, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`
/// (RFC 8866 §5.2). The session id and version are kept as text: JSEP
/// (RFC 8829 §5.2.1) makes the id a 62-bit number but peers send up to 64 bits
/// and nothing here does arithmetic on them except the version bump.
public struct SDPOrigin: Hashable, Sendable {
    public var username: String
    public var sessionID: String
    public var sessionVersion: String
    public var networkType: String
    public var addressType: String
    public var address: String

    public init(username: String = "-", sessionID: String, sessionVersion: String = "2",
                networkType: String = "IN", addressType: String = "IP4", address: String = "127.0.0.1") {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }
}

/// `c=<nettype> <addrtype> <connection-address>` (RFC 8866 §5.7).
public struct SDPConnection: Hashable, Sendable {
    public var networkType: String
    public var addressType: String
    public var address: String

    public init(networkType: String = "IN", addressType: String = "IP4", address: String = "0.0.0.0") {
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }

    /// JSEP's placeholder connection line (RFC 8829 §5.2.1): ICE carries the real addresses.
    public static let placeholder = SDPConnection()
}

/// `b=<bwtype>:<bandwidth>` (RFC 8866 §5.8), e.g. `b=AS:2000` or `b=TIAS:64000`.
public struct SDPBandwidth: Hashable, Sendable {
    public var type: String
    public var value: UInt64

    public init(type: String, value: UInt64) {
        self.type = type
        self.value = value
    }
}

/// One `m=` section with everything under it, attributes in the order read.
/// RFC 8866 §5.14: `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`.
public struct MediaDescription: Hashable, Sendable {
    /// `audio`, `video`, `application`, ... kept as written.
    public var kind: String
    /// 0 means the section is rejected or (with `a=bundle-only`) bundled away (RFC 8843 §7.5).
    public var port: UInt16
    public var portCount: UInt16?
    /// e.g. `UDP/TLS/RTP/SAVPF`.
    public var proto: String
    /// Payload types for RTP profiles, other tokens otherwise (`webrtc-datachannel`).
    public var formats: [String]
    public var connection: SDPConnection?
    public var bandwidths: [SDPBandwidth]
    /// `i=` and `k=` lines, or unknown letters, in order.
    public var otherFields: [SDPField]
    public var attributes: [SDPAttribute]

    public init(kind: String, port: UInt16, portCount: UInt16? = nil, proto: String, formats: [String],
                connection: SDPConnection? = nil, bandwidths: [SDPBandwidth] = [],
                otherFields: [SDPField] = [], attributes: [SDPAttribute] = []) {
        self.kind = kind
        self.port = port
        self.portCount = portCount
        self.proto = proto
        self.formats = formats
        self.connection = connection
        self.bandwidths = bandwidths
        self.otherFields = otherFields
        self.attributes = attributes
    }
}

/// A whole session description (RFC 8866 §5): the session-level lines, then
/// the media sections. Parse with `init(parsing:)`, write with `sdpText`.
public struct SessionDescription: Hashable, Sendable {
    /// Always 0 (RFC 8866 §5.1); the parser refuses anything else.
    public var version: Int
    public var origin: SDPOrigin
    /// `s=`; JSEP writes `-`.
    public var sessionName: String
    public var connection: SDPConnection?
    public var bandwidths: [SDPBandwidth]
    /// `t=` values, usually a single `0 0`.
    public var timings: [String]
    /// `i=`, `u=`, `e=`, `p=`, `r=`, `z=`, `k=` or unknown letters, in order.
    public var otherFields: [SDPField]
    public var attributes: [SDPAttribute]
    public var media: [MediaDescription]

    public init(origin: SDPOrigin, sessionName: String = "-", connection: SDPConnection? = nil,
                bandwidths: [SDPBandwidth] = [], timings: [String] = ["0 0"], otherFields: [SDPField] = [],
                attributes: [SDPAttribute] = [], media: [MediaDescription] = []) {
        self.version = 0
        self.origin = origin
        self.sessionName = sessionName
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.otherFields = otherFields
        self.attributes = attributes
        self.media = media
    }
}
