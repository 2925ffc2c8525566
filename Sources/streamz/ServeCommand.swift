import ArgumentParser
import Foundation
import StreamzServer

/// `streamz serve` (PROTOCOL.md §5). Every flag also reads `STREAMZ_<FLAG_IN_CAPS>`.
///
/// Parsing only on the server branch: `run()` builds the server with
/// `buildServer(configuration:logger:makeHub:)` around the WebSocket hub, and
/// the command joins `Streamz.subcommands`, when the hub branch is merged.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Streamz server (accounts, devices, sessions, signalling).")

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 8080).")
    var port: String?

    @Option(help: "SQLite database file, created and migrated on first start (default ./streamz.db).")
    var db: String?

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain; with --tls-key serves HTTPS/WSS.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.")
    var tlsKey: String?

    @Option(help: "A stun: URL handed to clients (repeatable).")
    var stun: [String] = []

    @Option(help: "A turn: or turns: URL handed to clients with TURN REST credentials (repeatable).")
    var turn: [String] = []

    @Option(name: .customLong("turn-secret"), help: "Secret shared with the TURN server (coturn static-auth-secret).")
    var turnSecret: String?

    @Option(name: .customLong("cors-origin"), help: "An origin allowed by CORS (repeatable; none by default).")
    var corsOrigin: [String] = []

    @Flag(name: .customLong("tls-self-signed"), help: "Serve TLS with a certificate generated at start-up.")
    var tlsSelfSigned = false

    @Option(name: .customLong("mail-outbox"), help: "Folder that receives one file per outgoing mail.")
    var mailOutbox: String?

    @Option(name: .customLong("bcrypt-cost"), help: "bcrypt cost, 4 to 31 (default 12).")
    var bcryptCost: String?

    @Option(name: .customLong("heartbeat-interval"), help: "Seconds between device heartbeats (default 10).")
    var heartbeatInterval: String?

    /// The options as `ServeOptions`, to be resolved against the environment.
    var options: ServeOptions {
        var options = ServeOptions()
        options.host = host
        options.port = port
        options.db = db
        options.tlsCert = tlsCert
        options.tlsKey = tlsKey
        options.stun = stun
        options.turn = turn
        options.turnSecret = turnSecret
        options.corsOrigin = corsOrigin
        options.tlsSelfSigned = tlsSelfSigned
        options.mailOutbox = mailOutbox
        options.bcryptCost = bcryptCost
        options.heartbeatInterval = heartbeatInterval
        return options
    }

    func serverConfiguration() throws -> ServerConfiguration {
        do {
            return try ServerConfiguration(options: options, environment: ProcessInfo.processInfo.environment)
        } catch let error as ConfigurationError {
            throw ValidationError(error.message)
        }
    }
}
