/// Why an `a=candidate` value could not be read (RFC 8839 §5.1 grammar).
public enum ICECandidateParseError: Error, Equatable, Sendable {
    case tooFewFields
    case badFoundation(String)
    case badComponent(String)
    case badTransport(String)
    case badPriority(String)
    case badAddress(String)
    case badPort(String)
    case missingType
    case badType(String)
    case badRelatedAddress(String)
    case badTCPType(String)
    /// An extension name without a value.
    case danglingExtension(String)
}

/// Parsing and formatting of the SDP candidate attribute (RFC 8839 §5.1):
/// `candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>
///  [raddr <addr> rport <port>] [tcptype <t>] *(<name> <value>)`.
extension ICECandidate {
    /// Parses a value as browsers give it, with or without `a=` and `candidate:`.
    /// Unknown extension pairs are kept in `extensions`; extra spaces are tolerated (Pion writes them).
    public init(sdp text: some StringProtocol) throws {
        var body = Substring(text).drop(while: \.isWhitespace)
        if body.hasPrefix("a=") { body = body.dropFirst(2) }
        if body.lowercased().hasPrefix("candidate:") { body = body.dropFirst("candidate:".count) }
        let fields = body.split(whereSeparator: \.isWhitespace)
        guard fields.count >= 8 else { throw ICECandidateParseError.tooFewFields }

        let foundation = String(fields[0])
        // RFC 8839: foundation = 1*32 ice-char (ALPHA / DIGIT / "+" / "/").
        guard (1...32).contains(foundation.count), foundation.allSatisfy(Self.isICEChar) else {
            throw ICECandidateParseError.badFoundation(foundation)
        }
        guard let component = UInt16(fields[1]), (1...256).contains(component) else {
            throw ICECandidateParseError.badComponent(String(fields[1]))
        }
        guard let transport = ICETransportProtocol(rawValue: fields[2].lowercased()) else {
            throw ICECandidateParseError.badTransport(String(fields[2]))
        }
        guard let priority = UInt32(fields[3]), priority > 0 else { throw ICECandidateParseError.badPriority(String(fields[3])) }
        let host = try Self.parseHost(fields[4], error: ICECandidateParseError.badAddress(String(fields[4])))
        guard let port = UInt16(fields[5]) else { throw ICECandidateParseError.badPort(String(fields[5])) }
        guard fields[6] == "typ" else { throw ICECandidateParseError.missingType }
        guard let type = ICECandidateType(rawValue: String(fields[7])) else { throw ICECandidateParseError.badType(String(fields[7])) }

        self.init(foundation: foundation, component: component, transport: transport, priority: priority,
                  host: host, port: port, type: type)

        var index = 8
        while index < fields.count {
            let name = String(fields[index])
            guard index + 1 < fields.count else { throw ICECandidateParseError.danglingExtension(name) }
            let value = String(fields[index + 1])
            switch name {
            case "raddr":
                relatedHost = try Self.parseHost(value, error: ICECandidateParseError.badRelatedAddress(value))
            case "rport":
                guard let port = UInt16(value) else { throw ICECandidateParseError.badRelatedAddress(value) }
                relatedPort = port
            case "tcptype":
                guard let tcpType = ICETCPType(rawValue: value) else { throw ICECandidateParseError.badTCPType(value) }
                self.tcpType = tcpType
            // Browser extensions: malformed numbers are ignored like any unknown extension.
            case "generation" where Int(value) != nil: generation = Int(value)
            case "network-id" where Int(value) != nil: networkID = Int(value)
            case "network-cost" where Int(value) != nil: networkCost = Int(value)
            case "ufrag": ufrag = value
            default: extensions.append(ICECandidateExtension(name: name, value: value))
            }
            index += 2
        }
        // RFC 8839 §5.1: rel-addr and rel-port come together.
        if relatedHost == nil, relatedPort != nil { throw ICECandidateParseError.badRelatedAddress("rport without raddr") }
        if relatedHost != nil, relatedPort == nil { throw ICECandidateParseError.badRelatedAddress("raddr without rport") }
    }

    /// Formats the value without the `a=` prefix; `candidate:` is included when asked
    /// (the JS `RTCIceCandidate.candidate` string has it, the SDP attribute value does too).
    public func sdpAttributeValue(withPrefix: Bool = true) -> String {
        var parts = [foundation, String(component), transport.rawValue, String(priority), host.description, String(port), "typ", type.rawValue]
        if let relatedHost, let relatedPort {
            parts += ["raddr", relatedHost.description, "rport", String(relatedPort)]
        }
        if let tcpType { parts += ["tcptype", tcpType.rawValue] }
        if let generation { parts += ["generation", String(generation)] }
        if let ufrag { parts += ["ufrag", ufrag] }
        if let networkID { parts += ["network-id", String(networkID)] }
        if let networkCost { parts += ["network-cost", String(networkCost)] }
        for item in extensions { parts += [item.name, item.value] }
        return (withPrefix ? "candidate:" : "") + parts.joined(separator: " ")
    }

    private static func isICEChar(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "+" || character == "/")
    }

    /// An IP literal, or a hostname of letters, digits, '-' and '.' (mDNS names included).
    private static func parseHost(_ text: some StringProtocol, error: ICECandidateParseError) throws -> ICECandidateHost {
        if let ip = IPAddress(text) { return .ip(ip) }
        let isName = !text.isEmpty && text.count <= 253 && text.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".")
        } && text.contains(where: \.isLetter)
        guard isName else { throw error }
        return .name(String(text))
    }
}
