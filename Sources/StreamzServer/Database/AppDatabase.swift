import Foundation
import GRDB

/// The server's one database: a GRDB writer with the schema migrated.
///
/// A file path opens a `DatabasePool`, which GRDB runs in WAL mode so readers
/// never wait for the writer; tests use an in-memory `DatabaseQueue`.
public struct AppDatabase: Sendable {
    public let writer: any DatabaseWriter

    /// Wraps `writer` and applies every migration it has not seen yet.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String) throws -> AppDatabase {
        let pool = try DatabasePool(path: path, configuration: configuration())
        return try AppDatabase(pool)
    }

    /// A private database that lives as long as the value (tests, demos).
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        // Foreign keys are on by default in GRDB; stated so the schema's
        // ON DELETE CASCADE rules cannot be switched off by accident.
        configuration.foreignKeysEnabled = true
        // The hub and the REST controllers write concurrently; wait for the
        // lock rather than failing with SQLITE_BUSY.
        configuration.busyMode = .timeout(5)
        return configuration
    }
}
