import Foundation

/// `session` in PROTOCOL.md §2.
public struct Session: Codable, Equatable, Sendable {
    public var id: UUID
    public var deviceId: UUID
    public var type: SessionType
    public var quality: Quality
    public var state: SessionState
    public var createdAt: Date
    public var connectedAt: Date?
    public var endedAt: Date?
    public var endReason: String?
    /// The viewer's latest report.
    public var stats: SessionStats?
    /// The device's latest report.
    public var senderStats: SessionStats?

    public init(
        id: UUID, deviceId: UUID, type: SessionType, quality: Quality, state: SessionState,
        createdAt: Date, connectedAt: Date? = nil, endedAt: Date? = nil, endReason: String? = nil,
        stats: SessionStats? = nil, senderStats: SessionStats? = nil
    ) {
        self.id = id
        self.deviceId = deviceId
        self.type = type
        self.quality = quality
        self.state = state
        self.createdAt = createdAt
        self.connectedAt = connectedAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.stats = stats
        self.senderStats = senderStats
    }

    private enum CodingKeys: String, CodingKey {
        case id, deviceId, type, quality, state, createdAt, connectedAt, endedAt, endReason, stats, senderStats
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(LowercaseUUID.self, forKey: .id).value
        deviceId = try c.decode(LowercaseUUID.self, forKey: .deviceId).value
        type = try c.decode(SessionType.self, forKey: .type)
        quality = try c.decode(Quality.self, forKey: .quality)
        state = try c.decode(SessionState.self, forKey: .state)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        connectedAt = try c.decodeIfPresent(Date.self, forKey: .connectedAt)
        endedAt = try c.decodeIfPresent(Date.self, forKey: .endedAt)
        endReason = try c.decodeIfPresent(String.self, forKey: .endReason)
        stats = try c.decodeIfPresent(SessionStats.self, forKey: .stats)
        senderStats = try c.decodeIfPresent(SessionStats.self, forKey: .senderStats)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LowercaseUUID(id), forKey: .id)
        try c.encode(LowercaseUUID(deviceId), forKey: .deviceId)
        try c.encode(type, forKey: .type)
        try c.encode(quality, forKey: .quality)
        try c.encode(state, forKey: .state)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeNullable(connectedAt, forKey: .connectedAt)
        try c.encodeNullable(endedAt, forKey: .endedAt)
        try c.encodeNullable(endReason, forKey: .endReason)
        try c.encodeNullable(stats, forKey: .stats)
        try c.encodeNullable(senderStats, forKey: .senderStats)
    }
}
