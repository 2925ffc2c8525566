import Foundation
import GRDB

/// A row of `passwordReset`: a single-use token stored as its SHA-256.
struct PasswordResetRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "passwordReset"

    var tokenHash: Data
    var userId: UUID
    var createdAt: Date
    var expiresAt: Date
    var usedAt: Date?
}
