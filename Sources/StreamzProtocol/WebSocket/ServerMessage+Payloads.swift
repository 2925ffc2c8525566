import Foundation

extension ServerMessage {
    /// `{"type":"welcome","connectionId","role","heartbeatInterval","iceServers"}`.
    public struct Welcome: Codable, Equatable, Sendable {
        /// Names this connection in the REST `POST /sessions` body.
        public var connectionId: String
        public var role: ConnectionRole
        /// Seconds between a device's heartbeats.
        public var heartbeatInterval: Double
        public var iceServers: [ICEServer]

        public init(connectionId: String, role: ConnectionRole, heartbeatInterval: Double, iceServers: [ICEServer]) {
            self.connectionId = connectionId
            self.role = role
            self.heartbeatInterval = heartbeatInterval
            self.iceServers = iceServers
        }
    }

    /// `{"type":"device.status","deviceId","online","lastSeenAt"}`.
    public struct DeviceStatus: Codable, Equatable, Sendable {
        public var deviceId: UUID
        public var online: Bool
        public var lastSeenAt: Date?

        public init(deviceId: UUID, online: Bool, lastSeenAt: Date?) {
            self.deviceId = deviceId
            self.online = online
            self.lastSeenAt = lastSeenAt
        }

        private enum CodingKeys: String, CodingKey { case deviceId, online, lastSeenAt }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            deviceId = try c.decode(LowercaseUUID.self, forKey: .deviceId).value
            online = try c.decode(Bool.self, forKey: .online)
            lastSeenAt = try c.decodeIfPresent(Date.self, forKey: .lastSeenAt)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(LowercaseUUID(deviceId), forKey: .deviceId)
            try c.encode(online, forKey: .online)
            try c.encodeNullable(lastSeenAt, forKey: .lastSeenAt)
        }
    }

    /// `{"type":"ack","replyTo","session"?}`: the direct answer to a request with an `id`.
    public struct Ack: Codable, Equatable, Sendable {
        public var replyTo: String
        /// The session the request created or changed, where there is one.
        public var session: Session?

        public init(replyTo: String, session: Session? = nil) {
            self.replyTo = replyTo
            self.session = session
        }
    }

    /// `{"type":"error","replyTo"?,"code","message"}` with the codes of PROTOCOL.md §1.
    public struct ErrorReport: Codable, Equatable, Sendable {
        public var replyTo: String?
        public var code: String
        public var message: String

        public init(replyTo: String? = nil, code: String, message: String) {
            self.replyTo = replyTo
            self.code = code
            self.message = message
        }
    }

    /// `{"type":"session.request","session","iceServers"}`: sent to the device.
    public struct SessionRequest: Codable, Equatable, Sendable {
        public var session: Session
        public var iceServers: [ICEServer]

        public init(session: Session, iceServers: [ICEServer]) {
            self.session = session
            self.iceServers = iceServers
        }
    }

    /// `{"type":"session.ended","sessionId","reason"}`: sent to both parties.
    public struct SessionEnded: Codable, Equatable, Sendable {
        public var sessionId: UUID
        /// A code, optionally followed by `: ` and a detail (`peer_disconnected`, `timeout`, …).
        public var reason: String

        public init(sessionId: UUID, reason: String) {
            self.sessionId = sessionId
            self.reason = reason
        }

        private enum CodingKeys: String, CodingKey { case sessionId, reason }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sessionId = try c.decode(LowercaseUUID.self, forKey: .sessionId).value
            reason = try c.decode(String.self, forKey: .reason)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(LowercaseUUID(sessionId), forKey: .sessionId)
            try c.encode(reason, forKey: .reason)
        }
    }
}
