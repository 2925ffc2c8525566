import Foundation
import StreamzClient

/// The flags of `streamz monitor` and `streamz logout` as given, resolved
/// against `STREAMZ_<FLAG>` variables and the defaults (PROTOCOL.md §5: a
/// flag on the command line wins over its variable).
public struct MonitorFlags: Equatable, Sendable {
    /// `serve`'s default address, so `streamz serve` and `streamz monitor` meet with no flags.
    public static let defaultServer = "http://127.0.0.1:8080"

    public var server: String?
    public var maxKbps: String?

    public init(server: String? = nil, maxKbps: String? = nil) {
        self.server = server
        self.maxKbps = maxKbps
    }

    public struct Resolved: Equatable, Sendable {
        public var server: ServerAddress
        public var maxKbps: Double?
    }

    public func resolve(environment: [String: String]) throws(MonitorFlagError) -> Resolved {
        func value(_ given: String?, _ variable: String) -> String? {
            given ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        let serverText = value(server, "STREAMZ_SERVER") ?? Self.defaultServer
        let address: ServerAddress
        do { address = try ServerAddress(serverText) } catch { throw MonitorFlagError(message: error.description) }
        var kbps: Double?
        if let text = value(maxKbps, "STREAMZ_MAX_KBPS") {
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite, number > 0 else {
                throw MonitorFlagError(message: "--max-kbps expects a positive number of kilobits a second, got \(text.debugDescription).")
            }
            kbps = number
        }
        return Resolved(server: address, maxKbps: kbps)
    }
}

/// A flag that cannot be used, with a sentence saying why.
public struct MonitorFlagError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
