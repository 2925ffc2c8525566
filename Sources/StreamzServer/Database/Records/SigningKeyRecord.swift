import Foundation
import GRDB

/// The single row of `signingKey`: the HS256 secret for access tokens.
struct SigningKeyRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "signingKey"

    var id: Int
    var secret: Data
    var createdAt: Date
}
