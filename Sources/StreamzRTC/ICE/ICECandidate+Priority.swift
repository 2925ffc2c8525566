/// Priority and foundation computation (RFC 8445 §5.1.2, §5.1.1.3).
extension ICECandidate {
    /// RFC 8445 §5.1.2.1: priority = 2^24 × type preference + 2^8 × local preference + (256 − component).
    /// `localPreference` ranks interfaces (65535 for the only or best one).
    public static func priority(type: ICECandidateType, localPreference: UInt16 = 65535, component: UInt16 = 1) -> UInt32 {
        (type.typePreference << 24) + (UInt32(localPreference) << 8) + (256 - UInt32(min(max(component, 1), 256)))
    }

    /// RFC 8445 §5.1.1.3: candidates share a foundation when they have the same type, base IP,
    /// STUN/TURN server and transport. We hash those into a short decimal string, as browsers do.
    public static func foundation(
        type: ICECandidateType, baseIP: IPAddress, server: TransportAddress? = nil, transport: ICETransportProtocol = .udp
    ) -> String {
        let key = "\(type.rawValue)|\(baseIP)|\(server.map(\.description) ?? "")|\(transport.rawValue)"
        return String(STUNCRC32.checksum(key.utf8))
    }
}

/// RFC 8445 §6.1.2.3: pair priority = 2^32 × min(G, D) + 2 × max(G, D) + (G > D ? 1 : 0),
/// where G is the controlling agent's candidate priority and D the controlled one's.
/// Candidate priorities are at most 2^31 − 1 (RFC 8445 §5.1.2.1); larger ones from a peer are
/// clamped, which also keeps the sum inside 64 bits.
public func iceCandidatePairPriority(controlling: UInt32, controlled: UInt32) -> UInt64 {
    let limit: UInt32 = 0x7FFF_FFFF
    let g = UInt64(min(controlling, limit)), d = UInt64(min(controlled, limit))
    return (min(g, d) << 32) + 2 * max(g, d) + (g > d ? 1 : 0)
}
