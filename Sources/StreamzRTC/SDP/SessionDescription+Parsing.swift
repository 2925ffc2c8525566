extension SessionDescription {
    /// Parses UTF-8 bytes (invalid sequences become U+FFFD and are then judged as text).
    public init(parsing bytes: [UInt8]) throws(SDPParseError) {
        try self.init(parsing: String(decoding: bytes, as: UTF8.self))
    }

    /// Parses a session description, tolerating what real peers send:
    /// CRLF or bare LF line ends (RFC 8866 §5 writes CRLF but asks parsers to
    /// accept a lone LF too), trailing spaces and tabs (Pion), blank lines,
    /// duplicate and unknown attributes, and unknown `<letter>=` lines.
    ///
    /// Throws `SDPParseError` (with the 1-based line number) only when the text
    /// is not SDP: no `v=0` first, no `o=`, a malformed `o=`, `c=` or `m=`, or a
    /// line that is not `<letter>=<value>`.
    public init(parsing text: String) throws(SDPParseError) {
        var builder = Builder()
        // Split on LF bytes ourselves: Swift treats "\r\n" as one Character.
        var lineNumber = 0
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Self.trimmingTrailingWhitespace(rawLine)
            if line.isEmpty { continue }
            try builder.consume(line: line, number: lineNumber)
        }
        self = try builder.finish()
    }

    /// Drops trailing CR, space and tab, then decodes the line.
    private static func trimmingTrailingWhitespace(_ bytes: Substring.UTF8View.SubSequence) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            let byte = bytes[before]
            guard byte == 0x0D || byte == 0x20 || byte == 0x09 else { break }
            end = before
        }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }
}

/// Accumulates lines into a `SessionDescription`; one line at a time so the
/// line number is always at hand for errors.
private struct Builder {
    var sawVersion = false
    var origin: SDPOrigin?
    var sessionName: String?
    var connection: SDPConnection?
    var bandwidths: [SDPBandwidth] = []
    var timings: [String] = []
    var otherFields: [SDPField] = []
    var attributes: [SDPAttribute] = []
    var media: [MediaDescription] = []

    mutating func consume(line: String, number: Int) throws(SDPParseError) {
        let scalars = line.unicodeScalars
        guard scalars.count >= 2,
              let keyScalar = scalars.first, keyScalar.isASCII, keyScalar.properties.isAlphabetic,
              scalars[scalars.index(after: scalars.startIndex)] == "="
        else {
            throw SDPParseError(line: number, reason: "expected <letter>=<value>, got \"\(Self.excerpt(line))\"")
        }
        let key = Character(keyScalar)
        let value = String(scalars[scalars.index(scalars.startIndex, offsetBy: 2)...])

        // RFC 8866 §5: v= comes first, always.
        guard sawVersion else {
            guard key == "v" else { throw SDPParseError(line: number, reason: "first line must be v=0") }
            guard value == "0" else { throw SDPParseError(line: number, reason: "unsupported version v=\(value)") }
            sawVersion = true
            return
        }

        switch key {
        case "m":
            media.append(try Self.parseMediaLine(value, number: number))
        case "a":
            let attribute = Self.parseAttribute(value)
            if media.isEmpty { attributes.append(attribute) } else { media[media.count - 1].attributes.append(attribute) }
        case "c":
            let parsed = try Self.parseConnection(value, number: number)
            // A second c= (multicast layouts, RFC 8866 §5.7) is kept verbatim, not dropped.
            if media.isEmpty {
                if connection == nil { connection = parsed } else { appendOther(SDPField(key, value)) }
            } else if media[media.count - 1].connection == nil {
                media[media.count - 1].connection = parsed
            } else {
                appendOther(SDPField(key, value))
            }
        case "b":
            // A malformed b= is kept verbatim rather than fatal: it only informs bitrate.
            if let parsed = Self.parseBandwidth(value) {
                if media.isEmpty { bandwidths.append(parsed) } else { media[media.count - 1].bandwidths.append(parsed) }
            } else {
                appendOther(SDPField(key, value))
            }
        case "o" where media.isEmpty:
            guard origin == nil else { throw SDPParseError(line: number, reason: "second o= line") }
            origin = try Self.parseOrigin(value, number: number)
        case "s" where media.isEmpty && sessionName == nil:
            sessionName = value
        case "t" where media.isEmpty:
            timings.append(value)
        case "v":
            throw SDPParseError(line: number, reason: "second v= line")
        default:
            appendOther(SDPField(key, value))
        }
    }

    private mutating func appendOther(_ field: SDPField) {
        if media.isEmpty { otherFields.append(field) } else { media[media.count - 1].otherFields.append(field) }
    }

    func finish() throws(SDPParseError) -> SessionDescription {
        guard sawVersion else { throw SDPParseError(line: 0, reason: "empty input: no v= line") }
        guard let origin else { throw SDPParseError(line: 0, reason: "no o= line") }
        // Store other fields in the order the serializer writes them (RFC 8866 §5
        // order), so a description read from odd input serializes back to itself.
        func ordered(_ fields: [SDPField], _ keys: String) -> [SDPField] {
            let (before, after) = SessionDescription.partition(fields, beforeConnection: keys)
            return before + after
        }
        var media = media
        for index in media.indices {
            media[index].otherFields = ordered(media[index].otherFields, SessionDescription.mediaFieldsBeforeConnection)
        }
        return SessionDescription(origin: origin, sessionName: sessionName ?? "-", connection: connection,
                                  bandwidths: bandwidths, timings: timings,
                                  otherFields: ordered(otherFields, SessionDescription.sessionFieldsBeforeConnection),
                                  attributes: attributes, media: media)
    }

    // MARK: - Line grammars

    /// RFC 8866 §5.2.
    static func parseOrigin(_ value: String, number: Int) throws(SDPParseError) -> SDPOrigin {
        let tokens = words(value)
        guard tokens.count == 6 else {
            throw SDPParseError(line: number, reason: "o= needs 6 fields, got \(tokens.count)")
        }
        return SDPOrigin(username: tokens[0], sessionID: tokens[1], sessionVersion: tokens[2],
                         networkType: tokens[3], addressType: tokens[4], address: tokens[5])
    }

    /// RFC 8866 §5.7.
    static func parseConnection(_ value: String, number: Int) throws(SDPParseError) -> SDPConnection {
        let tokens = words(value)
        guard tokens.count == 3 else {
            throw SDPParseError(line: number, reason: "c= needs 3 fields, got \(tokens.count)")
        }
        return SDPConnection(networkType: tokens[0], addressType: tokens[1], address: tokens[2])
    }

    /// RFC 8866 §5.8.
    static func parseBandwidth(_ value: String) -> SDPBandwidth? {
        guard let colon = value.firstIndex(of: ":"),
              let amount = UInt64(value[value.index(after: colon)...]) else { return nil }
        let type = String(value[..<colon])
        return type.isEmpty ? nil : SDPBandwidth(type: type, value: amount)
    }

    /// RFC 8866 §5.14: `<media> <port>[/<number of ports>] <proto> <fmt> ...`.
    static func parseMediaLine(_ value: String, number: Int) throws(SDPParseError) -> MediaDescription {
        let tokens = words(value)
        guard tokens.count >= 4 else {
            throw SDPParseError(line: number, reason: "m= needs media, port, proto and at least one format")
        }
        let portParts = tokens[1].split(separator: "/", omittingEmptySubsequences: false)
        guard portParts.count <= 2, let port = UInt16(portParts[0]) else {
            throw SDPParseError(line: number, reason: "m= port \"\(excerpt(tokens[1]))\" is not a port number")
        }
        var portCount: UInt16?
        if portParts.count == 2 {
            guard let count = UInt16(portParts[1]) else {
                throw SDPParseError(line: number, reason: "m= port count \"\(excerpt(tokens[1]))\" is not a number")
            }
            portCount = count
        }
        return MediaDescription(kind: tokens[0], port: port, portCount: portCount, proto: tokens[2],
                                formats: Array(tokens[3...]))
    }

    /// RFC 8866 §5.13: `a=<attribute-name>[:<attribute-value>]`.
    static func parseAttribute(_ value: String) -> SDPAttribute {
        guard let colon = value.firstIndex(of: ":") else { return SDPAttribute(value) }
        return SDPAttribute(String(value[..<colon]), String(value[value.index(after: colon)...]))
    }

    static func words(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Error messages quote at most 40 characters of the offending text.
    static func excerpt(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
