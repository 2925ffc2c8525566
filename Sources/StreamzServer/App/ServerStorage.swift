import Foundation
import Logging

/// The database and the stores built on it: what the hub and the REST
/// controllers share. Opening it creates and migrates the database file and
/// loads (or creates once) the JWT signing key.
public struct ServerStorage: Sendable {
    public let database: AppDatabase
    public let devices: DeviceRepository
    public let sessions: SessionRepository
    public let accessTokens: AccessTokens
    let accounts: AccountRepository

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = Date.init) async throws {
        self.database = database
        devices = DeviceRepository(database: database)
        sessions = SessionRepository(database: database)
        accounts = AccountRepository(database: database)
        let secret = try await accounts.signingSecret(generate: { OpaqueToken.randomBytes(count: 32) }, at: now())
        accessTokens = await AccessTokens(secret: secret, now: now)
    }

    /// Opens `configuration.databasePath` (in memory when `nil`).
    public static func open(configuration: ServerConfiguration, now: @escaping @Sendable () -> Date = Date.init) async throws -> ServerStorage {
        let database = try configuration.databasePath.map { try AppDatabase.open(path: $0) } ?? AppDatabase.inMemory()
        return try await ServerStorage(database: database, now: now)
    }

    /// Start-up housekeeping: nothing is connected before the server listens.
    public func resetPresence() async throws {
        try await devices.markAllOffline()
    }
}
