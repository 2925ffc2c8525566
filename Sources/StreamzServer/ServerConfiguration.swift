import Foundation

/// Everything `streamz serve` can be told, with the defaults of PROTOCOL.md §5.
public struct ServerConfiguration: Sendable {
    /// PROTOCOL.md §2: request bodies (and WebSocket messages) are at most 64 KiB.
    public static let maxBodySize = 64 * 1024

    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Path of the SQLite database file; `nil` keeps it in memory (tests).
    public var databasePath: String? = "./streamz.db"
    /// PEM certificate chain and private key: both set serves HTTPS/WSS.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// Serve TLS with a certificate generated at start-up (phones need HTTPS for cameras).
    public var tlsSelfSigned: Bool = false
    /// `stun:` URLs handed out without credentials.
    public var stunURLs: [String] = []
    /// `turn:`/`turns:` URLs handed out with TURN REST API credentials.
    public var turnURLs: [String] = []
    /// The secret shared with the TURN server (coturn `static-auth-secret`).
    public var turnSecret: String?
    /// Seconds TURN credentials stay valid.
    public var turnCredentialTTL: Int = 86400
    /// Origins allowed by CORS; empty allows none.
    public var corsOrigins: [String] = []
    /// Folder for the outbox mailer; `nil` mails to the log only.
    public var mailOutbox: String?
    public var bcryptCost: UInt8 = 12
    public var heartbeatInterval: Duration = .seconds(10)
    /// Attempts a minute per client address and per email on login, register
    /// and password endpoints.
    public var authAttemptsPerMinute: Int = 10

    public init() {}

    /// Refuses settings the server cannot run with, naming the flag at fault.
    public func validate() throws {
        func fail(_ message: String) -> ConfigurationError { ConfigurationError(message: message) }
        guard (0...65535).contains(port) else { throw fail("--port must be between 0 and 65535.") }
        guard (4...31).contains(bcryptCost) else { throw fail("--bcrypt-cost must be between 4 and 31.") }
        guard heartbeatInterval > .zero else { throw fail("--heartbeat-interval must be positive.") }
        guard (tlsCertificatePath == nil) == (tlsKeyPath == nil) else {
            throw fail("--tls-cert and --tls-key go together.")
        }
        guard !(tlsSelfSigned && tlsCertificatePath != nil) else {
            throw fail("--tls-self-signed cannot be combined with --tls-cert/--tls-key.")
        }
        guard turnURLs.isEmpty || !(turnSecret ?? "").isEmpty else {
            throw fail("--turn needs --turn-secret to hand out credentials.")
        }
        guard turnCredentialTTL > 0 else { throw fail("The TURN credential lifetime must be positive.") }
        for url in stunURLs where !url.hasPrefix("stun:") && !url.hasPrefix("stuns:") {
            throw fail("--stun expects a stun: URL, got \(url).")
        }
        for url in turnURLs where !url.hasPrefix("turn:") && !url.hasPrefix("turns:") {
            throw fail("--turn expects a turn: or turns: URL, got \(url).")
        }
        guard authAttemptsPerMinute > 0 else { throw fail("The attempt limit must be positive.") }
    }

    public var servesTLS: Bool { tlsCertificatePath != nil || tlsSelfSigned }
}

/// A configuration the server refuses to start with.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
