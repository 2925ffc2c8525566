/// Typed reads of a media section's attributes. Everything is derived from
/// `attributes` on demand, so the stored lines stay the single source of
/// truth and nothing is lost on round trip. Malformed values are skipped.
extension MediaDescription {
    /// Values of every `a=<name>:<value>` line, in order.
    public func attributeValues(_ name: String) -> [String] {
        attributes.compactMap { $0.name == name ? $0.value : nil }
    }

    public func attributeValue(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    public func hasAttribute(_ name: String) -> Bool {
        attributes.contains { $0.name == name }
    }

    /// `a=mid` (RFC 5888 §4).
    public var mid: String? { attributeValue("mid").map(Self.trimmed) }

    /// The direction attribute, nil when absent (RFC 8866 §6.7 then means sendrecv).
    public var direction: SDPDirection? {
        attributes.last { $0.value == nil && SDPDirection(rawValue: $0.name) != nil }
            .flatMap { SDPDirection(rawValue: $0.name) }
    }

    public var iceUfrag: String? { attributeValue("ice-ufrag").map(Self.trimmed) }
    public var icePwd: String? { attributeValue("ice-pwd").map(Self.trimmed) }

    /// `a=ice-options` tokens, e.g. `trickle` (RFC 8839 §5.6).
    public var iceOptions: [String] { attributeValues("ice-options").flatMap(Self.tokens) }

    /// Every well-formed `a=fingerprint`, duplicates removed.
    public var fingerprints: [SDPFingerprint] {
        Self.unique(attributeValues("fingerprint").compactMap(SDPFingerprint.init(attributeValue:)))
    }

    public var setup: SDPSetupRole? {
        attributeValue("setup").flatMap { SDPSetupRole(rawValue: Self.trimmed($0)) }
    }

    /// RFC 5761 §5.1.3.
    public var rtcpMux: Bool { hasAttribute("rtcp-mux") }
    /// RFC 5506 §5.
    public var rtcpReducedSize: Bool { hasAttribute("rtcp-rsize") }
    /// RFC 8843 §6.
    public var bundleOnly: Bool { hasAttribute("bundle-only") }
    /// RFC 8840 §4.1.
    public var endOfCandidates: Bool { hasAttribute("end-of-candidates") }

    public var msids: [MediaStreamID] {
        Self.unique(attributeValues("msid").compactMap(MediaStreamID.init(attributeValue:)))
    }

    /// Port 0 without `a=bundle-only` means the answerer rejected the section
    /// (RFC 8829 §5.3.1, RFC 8843 §7.3.3).
    public var isRejected: Bool { port == 0 && !bundleOnly }

    /// The `m=` formats that are RTP payload types, in preference order.
    public var payloadTypes: [UInt8] { formats.compactMap { UInt8($0) }.filter { $0 < 128 } }

    /// One rtpmap per payload type (the first wins when a peer repeats it).
    public var rtpMaps: [RTPMap] {
        var seen = Set<UInt8>()
        return attributeValues("rtpmap").compactMap(RTPMap.init(attributeValue:)).filter {
            seen.insert($0.payloadType).inserted
        }
    }

    /// The first well-formed rtpmap for a payload type (stops at the first match).
    public func rtpMap(for payloadType: UInt8) -> RTPMap? {
        for value in attributeValues("rtpmap") {
            if let map = RTPMap(attributeValue: value), map.payloadType == payloadType { return map }
        }
        return nil
    }

    /// The parameters of `a=fmtp:<pt> <parameters>` (RFC 8866 §6.15), verbatim.
    public func formatParameters(for payloadType: UInt8) -> String? {
        let prefix = String(payloadType)
        for value in attributeValues("fmtp") {
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0] == prefix { return Self.trimmed(String(parts[1])) }
        }
        return nil
    }

    /// Feedback for a payload type: its own `a=rtcp-fb:<pt>` lines plus the
    /// `a=rtcp-fb:*` wildcard ones (RFC 4585 §4.2), duplicates removed.
    public func rtcpFeedback(for payloadType: UInt8) -> [RTCPFeedback] {
        let wanted = String(payloadType)
        var result: [RTCPFeedback] = []
        for value in attributeValues("rtcp-fb") {
            let parts = Self.tokens(value)
            guard parts.count >= 2, parts[0] == wanted || parts[0] == "*" else { continue }
            let feedback = RTCPFeedback(parts[1], parts.count > 2 ? parts[2...].joined(separator: " ") : nil)
            if !result.contains(feedback) { result.append(feedback) }
        }
        return result
    }

    public var extMaps: [ExtMap] {
        Self.unique(attributeValues("extmap").compactMap(ExtMap.init(attributeValue:)))
    }

    public var ssrcAttributes: [SSRCAttribute] {
        Self.unique(attributeValues("ssrc").compactMap(SSRCAttribute.init(attributeValue:)))
    }

    /// Distinct SSRCs named by `a=ssrc`, in order of first appearance.
    public var ssrcs: [UInt32] { Self.unique(ssrcAttributes.map(\.ssrc)) }

    public var ssrcGroups: [SSRCGroup] {
        Self.unique(attributeValues("ssrc-group").compactMap(SSRCGroup.init(attributeValue:)))
    }

    /// The raw values of `a=candidate` lines (without the `candidate:` name),
    /// duplicates removed; the ICE layer parses them (RFC 8839 §5.1).
    public var candidates: [String] { Self.unique(attributeValues("candidate").map(Self.trimmed)) }

    static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " || $0 == "\t" })
    }

    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    static func unique<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}
