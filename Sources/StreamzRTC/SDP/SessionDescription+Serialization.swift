extension SessionDescription {
    /// The description as SDP text with CRLF line ends (RFC 8866 §5), lines
    /// in the order §5 prescribes: v o s i u e p c b t r z k a, then each
    /// media section as m i c b k a. Attributes keep the order they were read
    /// or added in, duplicates included, so parse → serialize loses nothing.
    public var sdpText: String {
        var out = ""
        func line(_ key: Character, _ value: String) {
            out.append(key)
            out.append("=")
            out.append(value)
            out.append("\r\n")
        }
        let origin = origin
        line("v", String(version))
        line("o", "\(origin.username) \(origin.sessionID) \(origin.sessionVersion) "
                + "\(origin.networkType) \(origin.addressType) \(origin.address)")
        line("s", sessionName)
        let (beforeConnection, afterTiming) = Self.partition(otherFields, beforeConnection: Self.sessionFieldsBeforeConnection)
        for field in beforeConnection { line(field.key, field.value) }
        if let connection { line("c", connection.sdpValue) }
        for bandwidth in bandwidths { line("b", bandwidth.sdpValue) }
        for timing in timings { line("t", timing) }
        for field in afterTiming { line(field.key, field.value) }
        for attribute in attributes { line("a", attribute.sdpValue) }

        for section in media {
            line("m", section.mediaLineValue)
            let (info, rest) = Self.partition(section.otherFields, beforeConnection: Self.mediaFieldsBeforeConnection)
            for field in info { line(field.key, field.value) }
            if let connection = section.connection { line("c", connection.sdpValue) }
            for bandwidth in section.bandwidths { line("b", bandwidth.sdpValue) }
            for field in rest { line(field.key, field.value) }
            for attribute in section.attributes { line("a", attribute.sdpValue) }
        }
        return out
    }

    /// Keys RFC 8866 §5 places before `c=`, at session and at media level.
    static let sessionFieldsBeforeConnection = "iuep"
    static let mediaFieldsBeforeConnection = "i"

    /// Splits fields into those RFC 8866 §5 places before `c=` and the rest, keeping order.
    /// The parser stores fields in this order too, so parse → serialize → parse is stable.
    static func partition(_ fields: [SDPField], beforeConnection keys: String) -> ([SDPField], [SDPField]) {
        var before: [SDPField] = []
        var after: [SDPField] = []
        for field in fields {
            if keys.contains(field.key) { before.append(field) } else { after.append(field) }
        }
        return (before, after)
    }
}

extension MediaDescription {
    /// The value of the `m=` line.
    var mediaLineValue: String {
        let portText = portCount.map { "\(port)/\($0)" } ?? String(port)
        return ([kind, portText, proto] + formats).joined(separator: " ")
    }
}

extension SDPAttribute {
    var sdpValue: String { value.map { "\(name):\($0)" } ?? name }
}

extension SDPConnection {
    var sdpValue: String { "\(networkType) \(addressType) \(address)" }
}

extension SDPBandwidth {
    var sdpValue: String { "\(type):\(value)" }
}
