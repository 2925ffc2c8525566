/// Wire encoding of attribute values (RFC 8489 §14). The 4-byte type/length
/// header and the padding to a multiple of four are handled by `STUNMessage`.
extension STUNAttribute {
    static let magicCookie: UInt32 = 0x2112_A442

    /// RFC 8489 §14.3, §14.9, §14.4, §14.10: byte limits for the text attributes.
    private static func textLimit(_ type: UInt16) -> Int {
        type == STUNAttributeType.username ? 513 : 763
    }

    /// Decodes one attribute value; `transactionID` is needed for XOR-MAPPED-ADDRESS over IPv6.
    static func decode(type: UInt16, value: ArraySlice<UInt8>, transactionID: STUNTransactionID) throws -> STUNAttribute {
        let value = Array(value)
        switch type {
        case STUNAttributeType.mappedAddress:
            return .mappedAddress(try decodeAddress(value, type: type, xorMask: nil))
        case STUNAttributeType.xorMappedAddress:
            let mask = bigEndianBytes(UInt64(magicCookie), count: 4) + transactionID.bytes
            return .xorMappedAddress(try decodeAddress(value, type: type, xorMask: mask))
        case STUNAttributeType.username:
            return .username(try decodeText(value, type: type))
        case STUNAttributeType.software:
            return .software(try decodeText(value, type: type))
        case STUNAttributeType.realm:
            return .realm(try decodeText(value, type: type))
        case STUNAttributeType.nonce:
            return .nonce(try decodeText(value, type: type))
        case STUNAttributeType.messageIntegrity:
            guard value.count == 20 else { throw STUNParseError.malformedAttribute(type: type) }
            return .messageIntegrity(value)
        case STUNAttributeType.messageIntegritySHA256:
            // RFC 8489 §14.6: at least 16 bytes, at most 32, a multiple of four.
            guard (16...32).contains(value.count), value.count % 4 == 0 else {
                throw STUNParseError.malformedAttribute(type: type)
            }
            return .messageIntegritySHA256(value)
        case STUNAttributeType.fingerprint:
            return .fingerprint(UInt32(try fixedInteger(value, count: 4, type: type)))
        case STUNAttributeType.priority:
            return .priority(UInt32(try fixedInteger(value, count: 4, type: type)))
        case STUNAttributeType.iceControlled:
            return .iceControlled(try fixedInteger(value, count: 8, type: type))
        case STUNAttributeType.iceControlling:
            return .iceControlling(try fixedInteger(value, count: 8, type: type))
        case STUNAttributeType.useCandidate:
            guard value.isEmpty else { throw STUNParseError.malformedAttribute(type: type) }
            return .useCandidate
        case STUNAttributeType.errorCode:
            return .errorCode(try decodeErrorCode(value))
        case STUNAttributeType.unknownAttributes:
            guard value.count % 2 == 0 else { throw STUNParseError.malformedAttribute(type: type) }
            let types = stride(from: 0, to: value.count, by: 2).map { UInt16(value[$0]) << 8 | UInt16(value[$0 + 1]) }
            return .unknownAttributes(types)
        default:
            return .other(type: type, value: value)
        }
    }

    /// The value bytes, unpadded.
    func encodedValue(transactionID: STUNTransactionID) -> [UInt8] {
        switch self {
        case let .mappedAddress(address):
            return Self.encodeAddress(address, xorMask: nil)
        case let .xorMappedAddress(address):
            let mask = Self.bigEndianBytes(UInt64(Self.magicCookie), count: 4) + transactionID.bytes
            return Self.encodeAddress(address, xorMask: mask)
        case let .username(text), let .software(text), let .realm(text), let .nonce(text):
            return Array(text.utf8)
        case let .messageIntegrity(bytes), let .messageIntegritySHA256(bytes):
            return bytes
        case let .fingerprint(value), let .priority(value):
            return Self.bigEndianBytes(UInt64(value), count: 4)
        case let .iceControlled(value), let .iceControlling(value):
            return Self.bigEndianBytes(value, count: 8)
        case .useCandidate:
            return []
        case let .errorCode(error):
            let code = min(max(error.code, 300), 699)
            return [0, 0, UInt8(code / 100), UInt8(code % 100)] + Array(error.reason.utf8)
        case let .unknownAttributes(types):
            return types.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case let .other(_, value):
            return value
        }
    }

    // MARK: - Helpers

    static func bigEndianBytes(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(count - 1 - $0))) }
    }

    private static func fixedInteger(_ value: [UInt8], count: Int, type: UInt16) throws -> UInt64 {
        guard value.count == count else { throw STUNParseError.malformedAttribute(type: type) }
        return value.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func decodeText(_ value: [UInt8], type: UInt16) throws -> String {
        guard value.count <= textLimit(type), let text = String(validating: value, as: UTF8.self) else {
            throw STUNParseError.invalidText(type: type)
        }
        return text
    }

    /// RFC 8489 §14.1/§14.2: reserved byte, family (1 = IPv4, 2 = IPv6), port, address.
    private static func decodeAddress(_ value: [UInt8], type: UInt16, xorMask: [UInt8]?) throws -> TransportAddress {
        guard value.count >= 4 else { throw STUNParseError.malformedAttribute(type: type) }
        let length: Int
        switch value[1] {
        case 0x01: length = 4
        case 0x02: length = 16
        default: throw STUNParseError.malformedAttribute(type: type)
        }
        guard value.count == 4 + length else { throw STUNParseError.malformedAttribute(type: type) }
        var port = UInt16(value[2]) << 8 | UInt16(value[3])
        var address = Array(value[4...])
        if let xorMask {
            port ^= UInt16(magicCookie >> 16)
            for index in address.indices { address[index] ^= xorMask[index] }
        }
        guard let ip = IPAddress(bytes: address) else { throw STUNParseError.malformedAttribute(type: type) }
        return TransportAddress(ip: ip, port: port)
    }

    private static func encodeAddress(_ address: TransportAddress, xorMask: [UInt8]?) -> [UInt8] {
        var port = address.port
        var bytes = address.ip.bytes
        if let xorMask {
            port ^= UInt16(magicCookie >> 16)
            for index in bytes.indices { bytes[index] ^= xorMask[index] }
        }
        return [0, address.ip.isIPv4 ? 0x01 : 0x02, UInt8(port >> 8), UInt8(port & 0xFF)] + bytes
    }

    /// RFC 8489 §14.8: 21 reserved bits, a 3-bit class (3-6) and a number (0-99).
    private static func decodeErrorCode(_ value: [UInt8]) throws -> STUNErrorCode {
        let type = STUNAttributeType.errorCode
        guard value.count >= 4 else { throw STUNParseError.malformedAttribute(type: type) }
        let errorClass = Int(value[2] & 0x07)
        let number = Int(value[3])
        guard (3...6).contains(errorClass), number < 100 else { throw STUNParseError.malformedAttribute(type: type) }
        guard value.count - 4 <= 763, let reason = String(validating: value[4...], as: UTF8.self) else {
            throw STUNParseError.invalidText(type: type)
        }
        return STUNErrorCode(code: errorClass * 100 + number, reason: reason)
    }
}
