import Foundation

/// `streamz serve` flags as given on the command line, before defaults and
/// environment variables apply. Every flag can also come from
/// `STREAMZ_<FLAG_IN_CAPS>` (PROTOCOL.md §5), e.g. `--turn-secret` from
/// `STREAMZ_TURN_SECRET`; a flag on the command line wins over its variable.
/// Repeatable flags (`--stun`, `--turn`, `--cors-origin`) take a
/// comma-separated list from their variable.
public struct ServeOptions: Equatable, Sendable {
    public var host: String?
    public var port: String?
    public var db: String?
    public var tlsCert: String?
    public var tlsKey: String?
    public var stun: [String] = []
    public var turn: [String] = []
    public var turnSecret: String?
    public var corsOrigin: [String] = []
    public var tlsSelfSigned: Bool = false
    public var mailOutbox: String?
    public var bcryptCost: String?
    public var heartbeatInterval: String?

    public init() {}
}

extension ServerConfiguration {
    /// Resolves flags, then `STREAMZ_*` variables, then the defaults, and validates the result.
    public init(options: ServeOptions, environment: [String: String]) throws {
        self.init()
        func value(_ flag: String, _ given: String?) -> String? {
            given ?? environment[Self.environmentName(flag)].flatMap { $0.isEmpty ? nil : $0 }
        }
        func list(_ flag: String, _ given: [String]) -> [String] {
            if !given.isEmpty { return given }
            return (environment[Self.environmentName(flag)] ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func number<T: FixedWidthInteger>(_ flag: String, _ text: String, as: T.Type) throws -> T {
            guard let number = T(text.trimmingCharacters(in: .whitespaces)) else {
                throw ConfigurationError(message: "--\(flag) expects a whole number, got \(text.debugDescription).")
            }
            return number
        }

        if let host = value("host", options.host) { self.host = host }
        if let port = value("port", options.port) { self.port = try number("port", port, as: Int.self) }
        if let db = value("db", options.db) { databasePath = db }
        tlsCertificatePath = value("tls-cert", options.tlsCert)
        tlsKeyPath = value("tls-key", options.tlsKey)
        stunURLs = list("stun", options.stun)
        turnURLs = list("turn", options.turn)
        turnSecret = value("turn-secret", options.turnSecret)
        corsOrigins = list("cors-origin", options.corsOrigin)
        if options.tlsSelfSigned {
            tlsSelfSigned = true
        } else if let text = value("tls-self-signed", nil) {
            switch text.lowercased() {
            case "1", "true", "yes", "on": tlsSelfSigned = true
            case "0", "false", "no", "off": tlsSelfSigned = false
            default: throw ConfigurationError(message: "STREAMZ_TLS_SELF_SIGNED expects true or false, got \(text.debugDescription).")
            }
        }
        mailOutbox = value("mail-outbox", options.mailOutbox)
        if let cost = value("bcrypt-cost", options.bcryptCost) { bcryptCost = try number("bcrypt-cost", cost, as: UInt8.self) }
        if let text = value("heartbeat-interval", options.heartbeatInterval) {
            guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds > 0 else {
                throw ConfigurationError(message: "--heartbeat-interval expects a positive number of seconds, got \(text.debugDescription).")
            }
            heartbeatInterval = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        try validate()
    }

    /// `turn-secret` → `STREAMZ_TURN_SECRET`.
    public static func environmentName(_ flag: String) -> String {
        "STREAMZ_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
    }
}
