import Foundation

/// The base address of a Streamz server (`http://127.0.0.1:8080`,
/// `https://streamz.example`), checked once so every endpoint URL and the
/// WebSocket URL derive from it without further failure.
public struct ServerAddress: Hashable, Sendable, CustomStringConvertible {
    /// Scheme and host lower-cased, no trailing slash, no query: the form the
    /// credentials file is keyed by, so `HTTP://Host/` and `http://host` match.
    public let normalized: String
    /// Whether the server speaks TLS (`https`, and so `wss`).
    public let usesTLS: Bool

    /// Accepts `http` and `https` URLs (and `ws`/`wss`, mapped to them) with
    /// a host and an optional port and path prefix.
    public init(_ text: String) throws(ServerAddressError) {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else { throw ServerAddressError(text: text, reason: "expected a URL such as http://127.0.0.1:8080") }
        switch scheme {
        case "http", "ws": usesTLS = false
        case "https", "wss": usesTLS = true
        default: throw ServerAddressError(text: text, reason: "the scheme must be http or https")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw ServerAddressError(text: text, reason: "a server URL has no query, fragment or user")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw ServerAddressError(text: text, reason: "the port must be between 1 and 65535")
        }
        components.scheme = usesTLS ? "https" : "http"
        components.host = host.lowercased()
        while components.path.hasSuffix("/") { components.path.removeLast() }
        guard let url = components.string else {
            throw ServerAddressError(text: text, reason: "expected a URL such as http://127.0.0.1:8080")
        }
        normalized = url
    }

    public var description: String { normalized }

    /// `path` under the REST prefix: `api("/devices")` is `…/api/v1/devices`.
    func api(_ path: String) -> String { normalized + "/api/v1" + path }

    /// A path at the server's root, such as `/metrics`.
    func root(_ path: String) -> String { normalized + path }

    /// The signalling endpoint (PROTOCOL.md §3): `ws://…/api/v1/ws`, or `wss` over TLS.
    public var webSocketURL: String {
        let rest = normalized.drop(while: { $0 != ":" })
        return (usesTLS ? "wss" : "ws") + rest + "/api/v1/ws"
    }
}

/// A server URL that cannot be used, with the reason.
public struct ServerAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "Cannot use \"\(text)\" as a server address: \(reason)." }
}
