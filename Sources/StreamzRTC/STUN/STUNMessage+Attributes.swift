/// Typed access to the attributes ICE and TURN read.
extension STUNMessage {
    public var username: String? {
        attributes.lazy.compactMap { if case let .username(value) = $0 { value } else { nil } }.first
    }

    /// XOR-MAPPED-ADDRESS, or MAPPED-ADDRESS from a pre-RFC 5389 style server.
    public var mappedAddress: TransportAddress? {
        let xor = attributes.lazy.compactMap { if case let .xorMappedAddress(value) = $0 { value } else { nil } }.first
        return xor ?? attributes.lazy.compactMap { if case let .mappedAddress(value) = $0 { value } else { nil } }.first
    }

    public var errorCode: STUNErrorCode? {
        attributes.lazy.compactMap { if case let .errorCode(value) = $0 { value } else { nil } }.first
    }

    public var priority: UInt32? {
        attributes.lazy.compactMap { if case let .priority(value) = $0 { value } else { nil } }.first
    }

    public var useCandidate: Bool { attributes.contains(.useCandidate) }

    public var iceControlling: UInt64? {
        attributes.lazy.compactMap { if case let .iceControlling(value) = $0 { value } else { nil } }.first
    }

    public var iceControlled: UInt64? {
        attributes.lazy.compactMap { if case let .iceControlled(value) = $0 { value } else { nil } }.first
    }

    public var realm: String? {
        attributes.lazy.compactMap { if case let .realm(value) = $0 { value } else { nil } }.first
    }

    public var nonce: String? {
        attributes.lazy.compactMap { if case let .nonce(value) = $0 { value } else { nil } }.first
    }

    public var software: String? {
        attributes.lazy.compactMap { if case let .software(value) = $0 { value } else { nil } }.first
    }

    public var hasMessageIntegrity: Bool { integrityOffset != nil }
    public var hasFingerprint: Bool { fingerprintOffset != nil }

    /// Comprehension-required attributes we do not understand (RFC 8489 §6.3.1: a request
    /// carrying any is answered with 420 and UNKNOWN-ATTRIBUTES listing them).
    public var unknownComprehensionRequired: [UInt16] {
        attributes.compactMap { attribute in
            guard case let .other(type, _) = attribute, STUNAttributeType.isComprehensionRequired(type) else { return nil }
            return type
        }
    }
}
