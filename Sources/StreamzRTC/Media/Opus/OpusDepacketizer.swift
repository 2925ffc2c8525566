/// Opus RTP payloads (RFC 7587 §4.2): one Opus packet per RTP packet with no payload
/// header, so every payload is a whole frame, head and tail at once.
public struct OpusDepacketizer: RTPDepacketizer {
    /// RFC 7587 §4.1: the RTP clock of Opus is 48 kHz whatever the coded bandwidth.
    public static let clockRate = 48_000

    public init() {}

    public func unmarshal(_ payload: [UInt8]) throws(CodecError) -> [UInt8] {
        // RFC 7587 §4.2: an empty payload is not an Opus packet (a DTX gap is simply no packet).
        guard !payload.isEmpty else { throw .decodeFailed("empty Opus payload") }
        return payload
    }

    public func isPartitionHead(_ payload: [UInt8]) -> Bool { !payload.isEmpty }

    public func isPartitionTail(marker: Bool, payload: [UInt8]) -> Bool { !payload.isEmpty }
}
