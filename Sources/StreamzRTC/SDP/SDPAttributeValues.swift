/// Typed values of the attributes WebRTC uses. Each parses from the text
/// after `a=<name>:` (returning nil when malformed, so one bad line never
/// spoils a description) and formats back to that text.

/// RFC 8866 §6.7: `sendrecv`, `sendonly`, `recvonly`, `inactive`.
public enum SDPDirection: String, Hashable, Sendable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    public var sends: Bool { self == .sendrecv || self == .sendonly }
    public var receives: Bool { self == .sendrecv || self == .recvonly }

    init(sends: Bool, receives: Bool) {
        switch (sends, receives) {
        case (true, true): self = .sendrecv
        case (true, false): self = .sendonly
        case (false, true): self = .recvonly
        case (false, false): self = .inactive
        }
    }
}

/// RFC 8842 §5.1 / RFC 4145 §4: `a=setup`.
public enum SDPSetupRole: String, Hashable, Sendable {
    case actpass, active, passive, holdconn
}

/// `a=fingerprint:<hash-func> <hex:hex:...>` (RFC 8122 §5).
public struct SDPFingerprint: Hashable, Sendable {
    /// Lowercased hash name, e.g. `sha-256`.
    public var algorithm: String
    public var bytes: [UInt8]

    public init(algorithm: String, bytes: [UInt8]) {
        self.algorithm = algorithm.lowercased()
        self.bytes = bytes
    }

    /// Digest sizes we can check; an unknown hash is kept but not size-checked.
    static let digestLengths = ["sha-1": 20, "sha-224": 28, "sha-256": 32, "sha-384": 48, "sha-512": 64]

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        var bytes: [UInt8] = []
        for pair in parts[1].split(separator: ":", omittingEmptySubsequences: false) {
            guard pair.count == 2, pair.allSatisfy(\.isHexDigit), let byte = UInt8(pair, radix: 16) else { return nil }
            bytes.append(byte)
        }
        let algorithm = parts[0].lowercased()
        if let expected = Self.digestLengths[algorithm], expected != bytes.count { return nil }
        guard !bytes.isEmpty else { return nil }
        self.init(algorithm: algorithm, bytes: bytes)
    }

    /// Upper-case hex pairs joined by colons, as RFC 8122 §5 writes them.
    public var attributeValue: String {
        let digits: [Character] = Array("0123456789ABCDEF")
        let hex = bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]) }
        return "\(algorithm) \(hex.joined(separator: ":"))"
    }
}

/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]` (RFC 8866 §6.6).
public struct RTPMap: Hashable, Sendable {
    public var payloadType: UInt8
    /// As written (`VP8`, `opus`); compare case-insensitively (RFC 4855 §3).
    public var encodingName: String
    public var clockRate: UInt32
    public var channels: UInt8?

    public init(payloadType: UInt8, encodingName: String, clockRate: UInt32, channels: UInt8? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, let pt = UInt8(parts[0]), pt < 128 else { return nil }
        let encoding = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard encoding.count == 2 || encoding.count == 3, !encoding[0].isEmpty,
              let rate = UInt32(encoding[1]) else { return nil }
        var channels: UInt8?
        if encoding.count == 3 {
            guard let count = UInt8(encoding[2]) else { return nil }
            channels = count
        }
        self.init(payloadType: pt, encodingName: String(encoding[0]), clockRate: rate, channels: channels)
    }

    public var attributeValue: String {
        var value = "\(payloadType) \(encodingName)/\(clockRate)"
        if let channels { value += "/\(channels)" }
        return value
    }

    /// True when this entry names `name/clockRate[/channels]`, ignoring case.
    func matches(name: String, clockRate: UInt32, channels: UInt8? = nil) -> Bool {
        encodingName.lowercased() == name.lowercased() && self.clockRate == clockRate
            && (channels == nil || (self.channels ?? 1) == channels)
    }
}

/// `a=rtcp-fb:<pt|*> <type>[ <parameter>]` (RFC 4585 §4.2), e.g. `nack pli`, `ccm fir`.
public struct RTCPFeedback: Hashable, Sendable, CustomStringConvertible {
    public var type: String
    public var parameter: String?

    public init(_ type: String, _ parameter: String? = nil) {
        self.type = type
        self.parameter = parameter
    }

    public static let nack = RTCPFeedback("nack")
    public static let pli = RTCPFeedback("nack", "pli")
    public static let fir = RTCPFeedback("ccm", "fir")
    public static let remb = RTCPFeedback("goog-remb")
    public static let transportCC = RTCPFeedback("transport-cc")

    public var description: String { parameter.map { "\(type) \($0)" } ?? type }
}

/// `a=extmap:<id>[/<direction>] <uri>[ <extension attributes>]` (RFC 8285 §8).
public struct ExtMap: Hashable, Sendable {
    /// 1-14 for one-byte headers, up to 255 with two-byte headers (RFC 8285 §4).
    public var id: UInt8
    public var direction: SDPDirection?
    public var uri: String
    public var extensionAttributes: String?

    public init(id: UInt8, direction: SDPDirection? = nil, uri: String, extensionAttributes: String? = nil) {
        self.id = id
        self.direction = direction
        self.uri = uri
        self.extensionAttributes = extensionAttributes
    }

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        let idParts = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        guard idParts.count <= 2, let id = UInt8(idParts[0]), id != 0, id != 15 else { return nil }
        var direction: SDPDirection?
        if idParts.count == 2 {
            guard let parsed = SDPDirection(rawValue: String(idParts[1])) else { return nil }
            direction = parsed
        }
        self.init(id: id, direction: direction, uri: String(parts[1]),
                  extensionAttributes: parts.count == 3 ? String(parts[2]) : nil)
    }

    public var attributeValue: String {
        var value = String(id)
        if let direction { value += "/\(direction.rawValue)" }
        value += " \(uri)"
        if let extensionAttributes { value += " \(extensionAttributes)" }
        return value
    }

    public static let midURI = "urn:ietf:params:rtp-hdrext:sdes:mid"
    public static let absSendTimeURI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"
    public static let absCaptureTimeURI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time"
    public static let audioLevelURI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
    public static let transportCCURI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
}

/// `a=ssrc:<ssrc> <attribute>[:<value>]` (RFC 5576 §4.1), e.g. `cname:abc`.
public struct SSRCAttribute: Hashable, Sendable {
    public var ssrc: UInt32
    public var attribute: String
    public var value: String?

    public init(ssrc: UInt32, attribute: String, value: String? = nil) {
        self.ssrc = ssrc
        self.attribute = attribute
        self.value = value
    }

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, let ssrc = UInt32(parts[0]) else { return nil }
        let pair = parts[1].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard !pair[0].isEmpty else { return nil }
        self.init(ssrc: ssrc, attribute: String(pair[0]), value: pair.count == 2 ? String(pair[1]) : nil)
    }

    public var attributeValue: String {
        value.map { "\(ssrc) \(attribute):\($0)" } ?? "\(ssrc) \(attribute)"
    }
}

/// `a=ssrc-group:<semantics> <ssrc> ...` (RFC 5576 §4.2); `FID` pairs media and RTX (RFC 4588 §8).
public struct SSRCGroup: Hashable, Sendable {
    public var semantics: String
    public var ssrcs: [UInt32]

    public init(semantics: String, ssrcs: [UInt32]) {
        self.semantics = semantics
        self.ssrcs = ssrcs
    }

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        var ssrcs: [UInt32] = []
        for part in parts.dropFirst() {
            guard let ssrc = UInt32(part) else { return nil }
            ssrcs.append(ssrc)
        }
        self.init(semantics: String(parts[0]), ssrcs: ssrcs)
    }

    public var attributeValue: String { ([semantics] + ssrcs.map(String.init)).joined(separator: " ") }
}

/// `a=msid:<stream id> [<track id>]` (RFC 8830 §2).
public struct MediaStreamID: Hashable, Sendable {
    public var streamID: String
    public var trackID: String?

    public init(streamID: String, trackID: String? = nil) {
        self.streamID = streamID
        self.trackID = trackID
    }

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        self.init(streamID: String(parts[0]), trackID: parts.count == 2 ? String(parts[1]) : nil)
    }

    public var attributeValue: String { trackID.map { "\(streamID) \($0)" } ?? streamID }
}

/// `a=group:<semantics> <mid> ...` (RFC 5888 §5), e.g. `BUNDLE 0 1`.
public struct SDPGroup: Hashable, Sendable {
    public var semantics: String
    public var mids: [String]

    public init(semantics: String, mids: [String]) {
        self.semantics = semantics
        self.mids = mids
    }

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = parts.first else { return nil }
        self.init(semantics: String(first), mids: parts.dropFirst().map(String.init))
    }

    public var attributeValue: String { ([semantics] + mids).joined(separator: " ") }
}
