/// One URL of an `iceServers` entry (PROTOCOL.md): `stun:` / `stuns:` (RFC 7064) or `turn:` /
/// `turns:` (RFC 7065). Parsing only: the runtime resolves `host` and feeds the addresses to
/// `RTCPeer.addSTUNServer`; TURN URLs are kept for the relay work and not allocated yet.
public struct ICEServerURL: Hashable, Sendable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case stun, stuns, turn, turns
    }

    public enum Transport: String, Sendable {
        case udp, tcp
    }

    public enum Host: Hashable, Sendable {
        case ip(IPAddress)
        /// A DNS name the runtime resolves.
        case name(String)
    }

    public var scheme: Scheme
    public var host: Host
    public var port: UInt16
    /// RFC 7065 §3.1 `?transport=`; nil when absent (UDP for `turn:`, TCP for `turns:`).
    public var transport: Transport?

    /// True for the URLs gathering uses: plain STUN over UDP. `stuns:` needs TLS over TCP,
    /// which the runtime does not speak.
    public var isSTUN: Bool { scheme == .stun }

    public var description: String {
        let hostText = switch host {
        case .ip(let ip): ip.isIPv4 ? ip.description : "[\(ip)]"
        case .name(let name): name
        }
        return "\(scheme.rawValue):\(hostText):\(port)" + (transport.map { "?transport=\($0.rawValue)" } ?? "")
    }

    /// Parses `scheme:host[:port][?transport=udp|tcp]`; an IPv6 host is bracketed (RFC 3986 §3.2.2).
    public init(parsing text: some StringProtocol) throws(ICEServerURLError) {
        let text = String(text)
        guard let colon = text.firstIndex(of: ":") else { throw .missingScheme(text) }
        guard let scheme = Scheme(rawValue: text[..<colon].lowercased()) else {
            throw .unsupportedScheme(String(text[..<colon]))
        }
        var rest = Substring(text[text.index(after: colon)...])
        var transport: Transport?
        if let question = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: question)...]
            rest = rest[..<question]
            // RFC 7064 §3.1: a stun URI has no query; RFC 7065 §3.1: turn has only transport.
            guard scheme == .turn || scheme == .turns, query.hasPrefix("transport="),
                  let value = Transport(rawValue: query.dropFirst("transport=".count).lowercased())
            else { throw .badQuery(String(query)) }
            transport = value
        }
        let hostText: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .badHost(String(rest)) }
            hostText = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .badHost(String(rest)) }
                portText = after.dropFirst()
            }
        } else {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw .badHost(String(rest)) }
            hostText = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
        }
        let host: Host
        if rest.hasPrefix("[") {
            guard let ip = IPAddress(hostText), !ip.isIPv4 else { throw .badHost(String(hostText)) }
            host = .ip(ip)
        } else if let ip = IPAddress(hostText), ip.isIPv4 {
            host = .ip(ip)
        } else {
            // RFC 3986 reg-name as DNS uses it: letters, digits, '-' and '.'.
            let valid = !hostText.isEmpty && hostText.count <= 253
                && hostText.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            guard valid else { throw .badHost(String(hostText)) }
            host = .name(String(hostText))
        }
        let port: UInt16
        if let portText {
            guard let value = UInt16(portText), value > 0 else { throw .badPort(String(portText)) }
            port = value
        } else {
            // RFC 7064 §3.1 / RFC 7065 §3.1: 3478, or 5349 for the TLS schemes.
            port = (scheme == .stuns || scheme == .turns) ? 5349 : 3478
        }
        self.init(scheme: scheme, host: host, port: port, transport: transport)
    }

    public init(scheme: Scheme, host: Host, port: UInt16, transport: Transport? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.transport = transport
    }
}

/// Why an ICE server URL was refused.
public enum ICEServerURLError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingScheme(String)
    case unsupportedScheme(String)
    case badHost(String)
    case badPort(String)
    case badQuery(String)

    public var description: String {
        switch self {
        case .missingScheme(let text): "ICE server URL without a scheme: \(text)"
        case .unsupportedScheme(let scheme): "unsupported ICE server scheme \(scheme) (stun, stuns, turn, turns)"
        case .badHost(let host): "bad ICE server host: \(host)"
        case .badPort(let port): "bad ICE server port: \(port)"
        case .badQuery(let query): "bad ICE server URL query: \(query)"
        }
    }
}
