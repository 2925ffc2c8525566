import Foundation
import GRDB
import StreamzProtocol

/// Sessions in SQLite, scoped to their owner like devices.
public struct SessionRepository: SessionStore {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    public func createSession(
        ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, at now: Date
    ) async throws -> Session {
        let session = Session(id: UUID(), deviceId: deviceId, type: type, quality: quality, state: .requested, createdAt: now)
        try await database.writer.write { db in
            // The device must be the owner's: a foreign id is "not found".
            let owned = try DeviceRecord
                .filter(DeviceRecord.Columns.id == deviceId && DeviceRecord.Columns.userId == ownerId)
                .fetchCount(db) > 0
            guard owned else { throw APIError.notFound }
            try SessionRecord(session: session, userId: ownerId).insert(db)
        }
        return session
    }

    public func session(id: UUID, ownerId: UUID) async throws -> Session? {
        try await database.writer.read { db in
            try SessionRecord
                .filter(SessionRecord.Columns.id == id && SessionRecord.Columns.userId == ownerId)
                .fetchOne(db)?
                .session()
        }
    }

    public func transition(sessionId: UUID, to state: SessionState, reason: String?, at now: Date) async throws -> Session? {
        try await database.writer.write { db in
            guard let record = try SessionRecord.fetchOne(db, key: sessionId) else { return nil }
            var session = try record.session()
            guard !session.state.isFinal, session.state != state else { return session }
            session.state = state
            if state == .connected, session.connectedAt == nil { session.connectedAt = now }
            if state.isFinal {
                session.endedAt = now
                session.endReason = reason
            }
            try SessionRecord(session: session, userId: record.userId).update(db)
            return session
        }
    }

    public func recordStats(sessionId: UUID, stats: SessionStats, fromDevice: Bool) async throws -> Session? {
        try await database.writer.write { db in
            guard let record = try SessionRecord.fetchOne(db, key: sessionId) else { return nil }
            var session = try record.session()
            if fromDevice { session.senderStats = stats } else { session.stats = stats }
            try SessionRecord(session: session, userId: record.userId).update(db)
            return session
        }
    }

    public func activeSessions(deviceId: UUID) async throws -> [Session] {
        try await database.writer.read { db in
            try SessionRecord
                .filter(SessionRecord.Columns.deviceId == deviceId)
                .filter(Self.activeStates.contains(SessionRecord.Columns.state))
                .order(SessionRecord.Columns.createdAt)
                .fetchAll(db)
                .map { try $0.session() }
        }
    }

    public func failAllActiveSessions(reason: String, at now: Date) async throws {
        try await database.writer.write { db in
            _ = try SessionRecord
                .filter(Self.activeStates.contains(SessionRecord.Columns.state))
                .updateAll(
                    db,
                    SessionRecord.Columns.state.set(to: SessionState.failed.rawValue),
                    Column("endedAt").set(to: now),
                    Column("endReason").set(to: reason))
        }
    }

    /// The owner's sessions, newest first, optionally of one device and/or state.
    func sessions(ownerId: UUID, deviceId: UUID?, state: SessionState?, limit: Int) async throws -> [Session] {
        try await database.writer.read { db in
            var request = SessionRecord.filter(SessionRecord.Columns.userId == ownerId)
            if let deviceId { request = request.filter(SessionRecord.Columns.deviceId == deviceId) }
            if let state { request = request.filter(SessionRecord.Columns.state == state.rawValue) }
            return try request
                .order(SessionRecord.Columns.createdAt.desc, Column.rowID.desc)
                .limit(limit)
                .fetchAll(db)
                .map { try $0.session() }
        }
    }

    private static let activeStates = SessionState.allCases.filter { !$0.isFinal }.map(\.rawValue)
}

extension SessionRepository {
    /// How many sessions are in each state, for `/metrics`.
    func countByState() async throws -> [SessionState: Int] {
        try await database.writer.read { db in
            var counts: [SessionState: Int] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM session GROUP BY state")
            for row in rows {
                if let state = SessionState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }
}
