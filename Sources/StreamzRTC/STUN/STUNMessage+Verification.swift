/// Checks of MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT over the
/// bytes as received (RFC 8489 §14.5-14.7).
extension STUNMessage {
    /// True when FINGERPRINT is present and matches (RFC 8489 §14.7).
    public func verifyFingerprint() -> Bool {
        guard let offset = fingerprintOffset, offset + 8 <= raw.count else { return false }
        var covered = Array(raw[..<offset])
        // The CRC covers the header with a length that includes FINGERPRINT itself.
        Self.setLength(offset - Self.headerLength + 8, in: &covered)
        let expected = STUNCRC32.checksum(covered) ^ 0x5354_554E
        let received = raw[(offset + 4)..<(offset + 8)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return expected == received
    }

    /// True when MESSAGE-INTEGRITY is present and its HMAC-SHA1 under `key` matches.
    /// Short-term credentials: key = the password's bytes (RFC 8489 §9.1.1);
    /// long-term: `STUNCrypto.longTermKey(...)` (§9.2.2).
    public func verifyIntegrity(key: [UInt8]) -> Bool {
        guard let offset = integrityOffset, offset + 24 <= raw.count else { return false }
        var covered = Array(raw[..<offset])
        Self.setLength(offset - Self.headerLength + 24, in: &covered)
        let expected = STUNCrypto.hmacSHA1(key: key, data: covered)
        return STUNCrypto.constantTimeEqual(expected, Array(raw[(offset + 4)..<(offset + 24)]))
    }

    /// True when MESSAGE-INTEGRITY-SHA256 is present and its (possibly truncated)
    /// HMAC-SHA256 under `key` matches (RFC 8489 §14.6).
    public func verifyIntegritySHA256(key: [UInt8]) -> Bool {
        guard let offset = integritySHA256Offset, offset + 4 <= raw.count else { return false }
        let length = Int(raw[offset + 2]) << 8 | Int(raw[offset + 3])
        guard offset + 4 + length <= raw.count else { return false }
        var covered = Array(raw[..<offset])
        Self.setLength(offset - Self.headerLength + 4 + length, in: &covered)
        let expected = STUNCrypto.hmacSHA256(key: key, data: covered).prefix(length)
        return STUNCrypto.constantTimeEqual(Array(expected), Array(raw[(offset + 4)..<(offset + 4 + length)]))
    }
}
