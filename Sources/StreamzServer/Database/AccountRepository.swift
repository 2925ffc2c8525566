import Foundation
import GRDB
import StreamzProtocol

/// Users, their refresh tokens and password resets in SQLite. Token values
/// never reach this type: callers pass their SHA-256 hashes.
struct AccountRepository: Sendable {
    let database: AppDatabase

    /// What presenting a refresh token led to.
    enum RefreshOutcome: Sendable {
        case rotated(UserRecord)
        /// Unknown, expired or revoked: refused, nothing changed.
        case refused
        /// An already rotated token came back: its family is now revoked.
        case reuseDetected
    }

    func createUser(email: String, passwordHash: String, at now: Date) async throws -> UserRecord {
        let user = UserRecord(id: UUID(), email: email, passwordHash: passwordHash, createdAt: now)
        do {
            try await database.writer.write { db in try user.insert(db) }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw APIError.emailTaken
        }
        return user
    }

    func user(email: String) async throws -> UserRecord? {
        try await database.writer.read { db in
            try UserRecord.filter(Column("email") == email).fetchOne(db)
        }
    }

    func user(id: UUID) async throws -> UserRecord? {
        try await database.writer.read { db in try UserRecord.fetchOne(db, key: id) }
    }

    func insertRefreshToken(_ record: RefreshTokenRecord) async throws {
        try await database.writer.write { db in try record.insert(db) }
    }

    /// Rotates a refresh token in one transaction: the presented token is
    /// marked rotated and `successor` (same family) is stored. A token that
    /// was already rotated revokes its whole family (reuse detection).
    func rotateRefreshToken(
        presentedHash: Data, successor makeSuccessor: @escaping @Sendable (RefreshTokenRecord) -> RefreshTokenRecord,
        at now: Date
    ) async throws -> RefreshOutcome {
        try await database.writer.write { db in
            guard var presented = try RefreshTokenRecord.fetchOne(db, key: presentedHash) else { return .refused }
            if presented.rotatedAt != nil {
                try RefreshTokenRecord
                    .filter(Column("familyId") == presented.familyId && Column("revokedAt") == nil)
                    .updateAll(db, Column("revokedAt").set(to: now))
                return .reuseDetected
            }
            guard presented.revokedAt == nil, presented.expiresAt > now,
                let user = try UserRecord.fetchOne(db, key: presented.userId)
            else { return .refused }
            presented.rotatedAt = now
            try presented.update(db)
            try makeSuccessor(presented).insert(db)
            return .rotated(user)
        }
    }

    /// Revokes one token of `userId` (logout); a token of someone else is left alone.
    func revokeRefreshToken(hash: Data, userId: UUID, at now: Date) async throws {
        try await database.writer.write { db in
            _ = try RefreshTokenRecord
                .filter(Column("tokenHash") == hash && Column("userId") == userId && Column("revokedAt") == nil)
                .updateAll(db, Column("revokedAt").set(to: now))
        }
    }

    func insertPasswordReset(_ record: PasswordResetRecord) async throws {
        try await database.writer.write { db in try record.insert(db) }
    }

    /// Uses a reset token once: sets the new password hash and revokes every
    /// refresh token of the user. `false` when the token is unknown, used or expired.
    func completePasswordReset(tokenHash: Data, newPasswordHash: String, at now: Date) async throws -> Bool {
        try await database.writer.write { db in
            guard var reset = try PasswordResetRecord.fetchOne(db, key: tokenHash),
                reset.usedAt == nil, reset.expiresAt > now,
                var user = try UserRecord.fetchOne(db, key: reset.userId)
            else { return false }
            reset.usedAt = now
            try reset.update(db)
            user.passwordHash = newPasswordHash
            try user.update(db)
            try RefreshTokenRecord
                .filter(Column("userId") == user.id && Column("revokedAt") == nil)
                .updateAll(db, Column("revokedAt").set(to: now))
            return true
        }
    }

    /// The stored JWT secret, created on first use (`generate` supplies 32 random bytes).
    func signingSecret(generate: @escaping @Sendable () -> Data, at now: Date) async throws -> Data {
        try await database.writer.write { db in
            if let key = try SigningKeyRecord.fetchOne(db, key: 1) { return key.secret }
            let key = SigningKeyRecord(id: 1, secret: generate(), createdAt: now)
            try key.insert(db)
            return key.secret
        }
    }
}
