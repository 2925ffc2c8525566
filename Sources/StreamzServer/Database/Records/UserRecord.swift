import Foundation
import GRDB
import StreamzProtocol

/// A row of `user`.
struct UserRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "user"

    var id: UUID
    /// Trimmed and lower-cased (PROTOCOL.md §2), so equality is exact.
    var email: String
    var passwordHash: String
    var createdAt: Date

    var user: User { User(id: id, email: email, createdAt: createdAt) }
}
