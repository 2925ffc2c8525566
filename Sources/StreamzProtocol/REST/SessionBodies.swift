import Foundation

// Request and answer bodies of the session endpoints (PROTOCOL.md §2 "Sessions").

/// `POST /sessions`: `{deviceId, type, quality, connectionId}`.
public struct CreateSessionRequest: Codable, Equatable, Sendable {
    public var deviceId: UUID
    public var type: SessionType
    public var quality: Quality
    /// The caller's viewer connection (from `welcome`) that receives the device's offer.
    public var connectionId: String

    public init(deviceId: UUID, type: SessionType, quality: Quality, connectionId: String) {
        self.deviceId = deviceId
        self.type = type
        self.quality = quality
        self.connectionId = connectionId
    }

    private enum CodingKeys: String, CodingKey { case deviceId, type, quality, connectionId }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deviceId = try c.decode(LowercaseUUID.self, forKey: .deviceId).value
        type = try c.decode(SessionType.self, forKey: .type)
        quality = try c.decode(Quality.self, forKey: .quality)
        connectionId = try c.decode(String.self, forKey: .connectionId)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LowercaseUUID(deviceId), forKey: .deviceId)
        try c.encode(type, forKey: .type)
        try c.encode(quality, forKey: .quality)
        try c.encode(connectionId, forKey: .connectionId)
    }
}

/// `POST /sessions/{id}/end`: `{reason?}`.
public struct EndSessionRequest: Codable, Equatable, Sendable {
    public var reason: String?

    public init(reason: String? = nil) { self.reason = reason }
}

/// `GET /sessions`: `{sessions: [session]}`, newest first.
public struct SessionListResponse: Codable, Equatable, Sendable {
    public var sessions: [Session]

    public init(sessions: [Session]) { self.sessions = sessions }
}

/// `POST /sessions`, `GET /sessions/{id}`, `POST /sessions/{id}/end`: `{session}`.
public struct SessionResponse: Codable, Equatable, Sendable {
    public var session: Session

    public init(session: Session) { self.session = session }
}
