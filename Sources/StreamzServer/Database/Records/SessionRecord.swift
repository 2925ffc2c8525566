import Foundation
import GRDB
import StreamzProtocol

/// A row of `session`; `stats` and `senderStats` hold wire JSON.
struct SessionRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"

    var id: UUID
    var userId: UUID
    var deviceId: UUID
    var type: String
    var quality: String
    var state: String
    var createdAt: Date
    var connectedAt: Date?
    var endedAt: Date?
    var endReason: String?
    var stats: String?
    var senderStats: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let userId = Column(CodingKeys.userId)
        static let deviceId = Column(CodingKeys.deviceId)
        static let state = Column(CodingKeys.state)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(session: Session, userId: UUID) throws {
        id = session.id
        self.userId = userId
        deviceId = session.deviceId
        type = session.type.rawValue
        quality = session.quality.rawValue
        state = session.state.rawValue
        createdAt = session.createdAt
        connectedAt = session.connectedAt
        endedAt = session.endedAt
        endReason = session.endReason
        stats = try session.stats.map(Self.encode)
        senderStats = try session.senderStats.map(Self.encode)
    }

    func session() throws -> Session {
        guard let type = SessionType(rawValue: type) else {
            throw DatabaseRecordError.unexpectedValue(column: "session.type", value: type)
        }
        guard let quality = Quality(rawValue: quality) else {
            throw DatabaseRecordError.unexpectedValue(column: "session.quality", value: quality)
        }
        guard let state = SessionState(rawValue: state) else {
            throw DatabaseRecordError.unexpectedValue(column: "session.state", value: state)
        }
        return Session(
            id: id, deviceId: deviceId, type: type, quality: quality, state: state, createdAt: createdAt,
            connectedAt: connectedAt, endedAt: endedAt, endReason: endReason,
            stats: try stats.map(Self.decode), senderStats: try senderStats.map(Self.decode))
    }

    static func encode(_ stats: SessionStats) throws -> String {
        String(decoding: try WireJSON.encoder().encode(stats), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> SessionStats {
        try WireJSON.decoder().decode(SessionStats.self, from: Data(text.utf8))
    }
}
