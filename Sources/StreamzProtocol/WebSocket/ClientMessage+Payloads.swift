import Foundation

/// The role a connection takes in its `auth` message.
public enum ConnectionRole: String, Codable, Sendable, CaseIterable {
    case viewer
    case device
}

extension ClientMessage {
    /// `{"type":"auth","token","role","deviceId"?}`: the first message of a connection.
    public struct Auth: Codable, Equatable, Sendable {
        public var token: String
        public var role: ConnectionRole
        /// Required for `role: device`; the hub refuses a device connection without it (4403).
        public var deviceId: UUID?

        public init(token: String, role: ConnectionRole, deviceId: UUID? = nil) {
            self.token = token
            self.role = role
            self.deviceId = deviceId
        }

        private enum CodingKeys: String, CodingKey { case token, role, deviceId }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            token = try c.decode(String.self, forKey: .token)
            role = try c.decode(ConnectionRole.self, forKey: .role)
            deviceId = try c.decodeIfPresent(LowercaseUUID.self, forKey: .deviceId)?.value
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(token, forKey: .token)
            try c.encode(role, forKey: .role)
            if let deviceId { try c.encode(LowercaseUUID(deviceId), forKey: .deviceId) }
        }
    }

    /// `{"type":"heartbeat","capabilities"?}`.
    public struct Heartbeat: Codable, Equatable, Sendable {
        /// Present when the device's capabilities changed.
        public var capabilities: Capabilities?

        public init(capabilities: Capabilities? = nil) { self.capabilities = capabilities }
    }

    /// `{"type":"session.start","deviceId","sessionType","quality"}`.
    public struct SessionStart: Codable, Equatable, Sendable {
        public var deviceId: UUID
        public var sessionType: SessionType
        public var quality: Quality

        public init(deviceId: UUID, sessionType: SessionType, quality: Quality) {
            self.deviceId = deviceId
            self.sessionType = sessionType
            self.quality = quality
        }

        private enum CodingKeys: String, CodingKey { case deviceId, sessionType, quality }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            deviceId = try c.decode(LowercaseUUID.self, forKey: .deviceId).value
            sessionType = try c.decode(SessionType.self, forKey: .sessionType)
            quality = try c.decode(Quality.self, forKey: .quality)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(LowercaseUUID(deviceId), forKey: .deviceId)
            try c.encode(sessionType, forKey: .sessionType)
            try c.encode(quality, forKey: .quality)
        }
    }

    /// `{"type":"session.state","sessionId","state","reason"?}`; a party may
    /// report only `connecting`, `connected` or `failed`.
    public struct SessionStateReport: Codable, Equatable, Sendable {
        public static let reportableStates: Set<SessionState> = [.connecting, .connected, .failed]

        public var sessionId: UUID
        public var state: SessionState
        /// A code, optionally followed by `: ` and a detail for people.
        public var reason: String?

        public init(sessionId: UUID, state: SessionState, reason: String? = nil) {
            self.sessionId = sessionId
            self.state = state
            self.reason = reason
        }

        private enum CodingKeys: String, CodingKey { case sessionId, state, reason }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sessionId = try c.decode(LowercaseUUID.self, forKey: .sessionId).value
            state = try c.decode(SessionState.self, forKey: .state)
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
            guard Self.reportableStates.contains(state) else {
                throw shapeError(CodingKeys.state, in: c, "A party reports only connecting, connected or failed.")
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(LowercaseUUID(sessionId), forKey: .sessionId)
            try c.encode(state, forKey: .state)
            try c.encodeIfPresent(reason, forKey: .reason)
        }
    }

    /// `{"type":"session.stats","sessionId","stats"}`.
    public struct SessionStatsReport: Codable, Equatable, Sendable {
        public var sessionId: UUID
        public var stats: SessionStats

        public init(sessionId: UUID, stats: SessionStats) {
            self.sessionId = sessionId
            self.stats = stats
        }

        private enum CodingKeys: String, CodingKey { case sessionId, stats }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sessionId = try c.decode(LowercaseUUID.self, forKey: .sessionId).value
            stats = try c.decode(SessionStats.self, forKey: .stats)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(LowercaseUUID(sessionId), forKey: .sessionId)
            try c.encode(stats, forKey: .stats)
        }
    }

    /// `{"type":"session.end","sessionId","reason"?}`.
    public struct SessionEnd: Codable, Equatable, Sendable {
        public var sessionId: UUID
        public var reason: String?

        public init(sessionId: UUID, reason: String? = nil) {
            self.sessionId = sessionId
            self.reason = reason
        }

        private enum CodingKeys: String, CodingKey { case sessionId, reason }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sessionId = try c.decode(LowercaseUUID.self, forKey: .sessionId).value
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(LowercaseUUID(sessionId), forKey: .sessionId)
            try c.encodeIfPresent(reason, forKey: .reason)
        }
    }
}

/// `{"type":"session.quality","sessionId","quality"}`: sent by the viewer and
/// relayed by the server to the device, which applies it without renegotiation.
public struct SessionQualityChange: Codable, Equatable, Sendable {
    public var sessionId: UUID
    public var quality: Quality

    public init(sessionId: UUID, quality: Quality) {
        self.sessionId = sessionId
        self.quality = quality
    }

    private enum CodingKeys: String, CodingKey { case sessionId, quality }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sessionId = try c.decode(LowercaseUUID.self, forKey: .sessionId).value
        quality = try c.decode(Quality.self, forKey: .quality)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LowercaseUUID(sessionId), forKey: .sessionId)
        try c.encode(quality, forKey: .quality)
    }
}
