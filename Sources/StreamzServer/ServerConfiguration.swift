import Foundation

/// Everything `streamz serve` can be told, with the defaults of PROTOCOL.md §5.
public struct ServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Path of the SQLite database file; `nil` keeps it in memory (tests).
    public var databasePath: String? = "./streamz.db"
    public var bcryptCost: UInt8 = 12
    public var heartbeatInterval: Duration = .seconds(10)

    public init() {}
}
