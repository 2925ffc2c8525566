import Foundation

/// A party's latest statistics report (PROTOCOL.md §2 `stats`/`senderStats`).
/// Every value is optional and encoded as `null` when not known.
public struct SessionStats: Codable, Equatable, Sendable {
    public var rttMs: Double?
    public var latencyMs: Double?
    public var latencyEstimated: Bool?
    public var connectionType: ConnectionType?
    public var localCandidateType: CandidateType?
    public var remoteCandidateType: CandidateType?
    /// `udp` or `tcp`: the transport of the selected pair.
    public var transport: String?
    public var jitterMs: Double?
    public var packetsLost: Int?
    public var packetLossRatio: Double?
    public var bitrateKbps: Double?
    public var framesPerSecond: Double?
    public var width: Int?
    public var height: Int?
    public var audioLevelDb: Double?
    public var updatedAt: Date?

    public init(
        rttMs: Double? = nil, latencyMs: Double? = nil, latencyEstimated: Bool? = nil,
        connectionType: ConnectionType? = nil, localCandidateType: CandidateType? = nil,
        remoteCandidateType: CandidateType? = nil, transport: String? = nil, jitterMs: Double? = nil,
        packetsLost: Int? = nil, packetLossRatio: Double? = nil, bitrateKbps: Double? = nil,
        framesPerSecond: Double? = nil, width: Int? = nil, height: Int? = nil,
        audioLevelDb: Double? = nil, updatedAt: Date? = nil
    ) {
        self.rttMs = rttMs
        self.latencyMs = latencyMs
        self.latencyEstimated = latencyEstimated
        self.connectionType = connectionType
        self.localCandidateType = localCandidateType
        self.remoteCandidateType = remoteCandidateType
        self.transport = transport
        self.jitterMs = jitterMs
        self.packetsLost = packetsLost
        self.packetLossRatio = packetLossRatio
        self.bitrateKbps = bitrateKbps
        self.framesPerSecond = framesPerSecond
        self.width = width
        self.height = height
        self.audioLevelDb = audioLevelDb
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case rttMs, latencyMs, latencyEstimated, connectionType, localCandidateType, remoteCandidateType
        case transport, jitterMs, packetsLost, packetLossRatio, bitrateKbps, framesPerSecond
        case width, height, audioLevelDb, updatedAt
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNullable(rttMs, forKey: .rttMs)
        try c.encodeNullable(latencyMs, forKey: .latencyMs)
        try c.encodeNullable(latencyEstimated, forKey: .latencyEstimated)
        try c.encodeNullable(connectionType, forKey: .connectionType)
        try c.encodeNullable(localCandidateType, forKey: .localCandidateType)
        try c.encodeNullable(remoteCandidateType, forKey: .remoteCandidateType)
        try c.encodeNullable(transport, forKey: .transport)
        try c.encodeNullable(jitterMs, forKey: .jitterMs)
        try c.encodeNullable(packetsLost, forKey: .packetsLost)
        try c.encodeNullable(packetLossRatio, forKey: .packetLossRatio)
        try c.encodeNullable(bitrateKbps, forKey: .bitrateKbps)
        try c.encodeNullable(framesPerSecond, forKey: .framesPerSecond)
        try c.encodeNullable(width, forKey: .width)
        try c.encodeNullable(height, forKey: .height)
        try c.encodeNullable(audioLevelDb, forKey: .audioLevelDb)
        try c.encodeNullable(updatedAt, forKey: .updatedAt)
    }
}
