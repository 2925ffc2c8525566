/// Attribute type codes (RFC 8489 §18.3, RFC 8445 §16.1, RFC 5766 for TURN's later use).
public enum STUNAttributeType {
    public static let mappedAddress: UInt16 = 0x0001
    public static let username: UInt16 = 0x0006
    public static let messageIntegrity: UInt16 = 0x0008
    public static let errorCode: UInt16 = 0x0009
    public static let unknownAttributes: UInt16 = 0x000A
    public static let realm: UInt16 = 0x0014
    public static let nonce: UInt16 = 0x0015
    public static let messageIntegritySHA256: UInt16 = 0x001C
    public static let xorMappedAddress: UInt16 = 0x0020
    public static let priority: UInt16 = 0x0024
    public static let useCandidate: UInt16 = 0x0025
    public static let software: UInt16 = 0x8022
    public static let fingerprint: UInt16 = 0x8028
    public static let iceControlled: UInt16 = 0x8029
    public static let iceControlling: UInt16 = 0x802A

    /// RFC 8489 §14: types 0x0000-0x7FFF are comprehension-required.
    public static func isComprehensionRequired(_ type: UInt16) -> Bool { type < 0x8000 }

    /// The types this implementation understands; others are kept as `.other`.
    static let known: Set<UInt16> = [
        mappedAddress, username, messageIntegrity, errorCode, unknownAttributes, realm, nonce,
        messageIntegritySHA256, xorMappedAddress, priority, useCandidate, software, fingerprint,
        iceControlled, iceControlling,
    ]
}

/// ERROR-CODE (RFC 8489 §14.8): a code 300-699 and a reason phrase.
public struct STUNErrorCode: Hashable, Sendable {
    public var code: Int
    public var reason: String

    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    public static let badRequest = STUNErrorCode(code: 400, reason: "Bad Request")
    public static let unauthorized = STUNErrorCode(code: 401, reason: "Unauthorized")
    public static let unknownAttribute = STUNErrorCode(code: 420, reason: "Unknown Attribute")
    /// RFC 8445 §7.3.1.1.
    public static let roleConflict = STUNErrorCode(code: 487, reason: "Role Conflict")
}

/// One STUN attribute, decoded. Anything unrecognised is kept verbatim in `.other`
/// so a message survives a parse/serialize round trip.
public enum STUNAttribute: Hashable, Sendable {
    case mappedAddress(TransportAddress)
    case xorMappedAddress(TransportAddress)
    case username(String)
    /// The 20-byte HMAC-SHA1 as found on the wire (RFC 8489 §14.5).
    case messageIntegrity([UInt8])
    /// The 16-to-32-byte truncated HMAC-SHA256 (RFC 8489 §14.6).
    case messageIntegritySHA256([UInt8])
    case fingerprint(UInt32)
    case errorCode(STUNErrorCode)
    case unknownAttributes([UInt16])
    case software(String)
    case realm(String)
    case nonce(String)
    /// RFC 8445 §7.1.1: the priority a peer-reflexive candidate from this check would get.
    case priority(UInt32)
    case useCandidate
    /// RFC 8445 §7.1.3: the sender's tie-breaker.
    case iceControlled(UInt64)
    case iceControlling(UInt64)
    case other(type: UInt16, value: [UInt8])

    public var type: UInt16 {
        switch self {
        case .mappedAddress: STUNAttributeType.mappedAddress
        case .xorMappedAddress: STUNAttributeType.xorMappedAddress
        case .username: STUNAttributeType.username
        case .messageIntegrity: STUNAttributeType.messageIntegrity
        case .messageIntegritySHA256: STUNAttributeType.messageIntegritySHA256
        case .fingerprint: STUNAttributeType.fingerprint
        case .errorCode: STUNAttributeType.errorCode
        case .unknownAttributes: STUNAttributeType.unknownAttributes
        case .software: STUNAttributeType.software
        case .realm: STUNAttributeType.realm
        case .nonce: STUNAttributeType.nonce
        case .priority: STUNAttributeType.priority
        case .useCandidate: STUNAttributeType.useCandidate
        case .iceControlled: STUNAttributeType.iceControlled
        case .iceControlling: STUNAttributeType.iceControlling
        case let .other(type, _): type
        }
    }
}
