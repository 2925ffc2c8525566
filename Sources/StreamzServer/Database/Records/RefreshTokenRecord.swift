import Foundation
import GRDB

/// A row of `refreshToken`: only the SHA-256 of the token is stored.
struct RefreshTokenRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "refreshToken"

    var tokenHash: Data
    var userId: UUID
    /// Every token descended from one login shares the family id, so reuse
    /// of a rotated token can revoke the whole chain at once.
    var familyId: UUID
    var createdAt: Date
    var expiresAt: Date
    /// Set when the token was exchanged for its successor.
    var rotatedAt: Date?
    /// Set on logout, password reset or reuse detection.
    var revokedAt: Date?
}
