/// A STUN message (RFC 8489 §5): a 20-byte header, then TLV attributes padded to four bytes.
///
/// A parsed message remembers its raw bytes so MESSAGE-INTEGRITY and FINGERPRINT
/// can be verified over exactly what was received.
public struct STUNMessage: Sendable {
    public var type: STUNMessageType
    public var transactionID: STUNTransactionID
    /// Attributes in wire order, including MESSAGE-INTEGRITY and FINGERPRINT when parsed.
    public var attributes: [STUNAttribute]

    /// The datagram this message was parsed from (empty for a message built locally).
    public private(set) var raw: [UInt8] = []
    /// Byte offsets of the integrity and fingerprint attribute headers within `raw`.
    private(set) var integrityOffset: Int?
    private(set) var integritySHA256Offset: Int?
    private(set) var fingerprintOffset: Int?

    public init(type: STUNMessageType, transactionID: STUNTransactionID, attributes: [STUNAttribute] = []) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
    }

    static let headerLength = 20

    /// True when the bytes look like STUN (RFC 8489 §5: top bits zero, magic cookie present),
    /// without parsing attributes. Used to tell STUN from other traffic cheaply.
    public static func isSTUN(_ bytes: [UInt8]) -> Bool {
        bytes.count >= headerLength && bytes[0] & 0xC0 == 0 && bytes[4...7].elementsEqual([0x21, 0x12, 0xA4, 0x42])
    }

    /// Parses a datagram; throws `STUNParseError` for anything malformed, never traps.
    public init(parsing bytes: [UInt8]) throws {
        guard bytes.count >= Self.headerLength else { throw STUNParseError.truncated }
        guard bytes[0] & 0xC0 == 0 else { throw STUNParseError.notSTUN }
        guard bytes[4...7].elementsEqual([0x21, 0x12, 0xA4, 0x42]) else { throw STUNParseError.badMagicCookie }
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        guard length % 4 == 0 else { throw STUNParseError.badLength }
        guard bytes.count >= Self.headerLength + length else { throw STUNParseError.truncated }
        guard bytes.count == Self.headerLength + length else { throw STUNParseError.badLength }
        // Twelve bytes are guaranteed by the length check above.
        guard let transactionID = STUNTransactionID(bytes: bytes[8..<20]) else { throw STUNParseError.truncated }
        self.type = STUNMessageType(rawValue: UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
        self.transactionID = transactionID
        self.attributes = []
        self.raw = bytes

        var offset = Self.headerLength
        while offset < bytes.count {
            guard offset + 4 <= bytes.count else { throw STUNParseError.truncated }
            let attributeType = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            let valueLength = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let valueStart = offset + 4
            let padded = (valueLength + 3) & ~3
            guard valueStart + padded <= bytes.count else { throw STUNParseError.truncated }
            if fingerprintOffset != nil { throw STUNParseError.attributeAfterFingerprint }
            let value = bytes[valueStart..<(valueStart + valueLength)]
            // RFC 8489 §14.5: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and
            // FINGERPRINT count; anything else there is ignored.
            let afterIntegrity = integrityOffset != nil || integritySHA256Offset != nil
            switch attributeType {
            case STUNAttributeType.messageIntegrity where integrityOffset == nil && integritySHA256Offset == nil:
                integrityOffset = offset
                attributes.append(try STUNAttribute.decode(type: attributeType, value: value, transactionID: transactionID))
            case STUNAttributeType.messageIntegritySHA256 where integritySHA256Offset == nil:
                integritySHA256Offset = offset
                attributes.append(try STUNAttribute.decode(type: attributeType, value: value, transactionID: transactionID))
            case STUNAttributeType.fingerprint:
                fingerprintOffset = offset
                attributes.append(try STUNAttribute.decode(type: attributeType, value: value, transactionID: transactionID))
            default:
                if !afterIntegrity {
                    attributes.append(try STUNAttribute.decode(type: attributeType, value: value, transactionID: transactionID))
                }
            }
            offset = valueStart + padded
        }
    }

    /// Serializes the attributes as they are, then appends MESSAGE-INTEGRITY (HMAC-SHA1 with
    /// `integrityKey`, RFC 8489 §14.5) and FINGERPRINT (§14.7) when asked.
    public func encoded(integrityKey: [UInt8]? = nil, fingerprint: Bool = false) -> [UInt8] {
        var bytes = header()
        for attribute in attributes {
            Self.append(type: attribute.type, value: attribute.encodedValue(transactionID: transactionID), to: &bytes)
        }
        if let integrityKey {
            // The length field covers up to and including MESSAGE-INTEGRITY when the HMAC is taken.
            Self.setLength(bytes.count - Self.headerLength + 24, in: &bytes)
            let mac = STUNCrypto.hmacSHA1(key: integrityKey, data: bytes)
            Self.append(type: STUNAttributeType.messageIntegrity, value: mac, to: &bytes)
        }
        if fingerprint {
            Self.setLength(bytes.count - Self.headerLength + 8, in: &bytes)
            let crc = STUNCRC32.checksum(bytes) ^ 0x5354_554E
            Self.append(type: STUNAttributeType.fingerprint, value: STUNAttribute.bigEndianBytes(UInt64(crc), count: 4), to: &bytes)
        }
        Self.setLength(bytes.count - Self.headerLength, in: &bytes)
        return bytes
    }

    private func header() -> [UInt8] {
        let rawType = type.rawValue
        return [UInt8(rawType >> 8), UInt8(rawType & 0xFF), 0, 0, 0x21, 0x12, 0xA4, 0x42] + transactionID.bytes
    }

    static func append(type: UInt16, value: [UInt8], to bytes: inout [UInt8]) {
        bytes += [UInt8(type >> 8), UInt8(type & 0xFF), UInt8((value.count >> 8) & 0xFF), UInt8(value.count & 0xFF)]
        bytes += value
        // RFC 8489 §14: values are padded to a multiple of four; padding is sent as zeros.
        let padding = (4 - value.count % 4) % 4
        bytes += [UInt8](repeating: 0, count: padding)
    }

    static func setLength(_ length: Int, in bytes: inout [UInt8]) {
        bytes[2] = UInt8((length >> 8) & 0xFF)
        bytes[3] = UInt8(length & 0xFF)
    }
}
