/// Session-level reads, and the JSEP rule that a media-level attribute
/// overrides the session-level one (RFC 8866 §5: media-level values
/// override session-level defaults).
extension SessionDescription {
    public func attributeValues(_ name: String) -> [String] {
        attributes.compactMap { $0.name == name ? $0.value : nil }
    }

    public func hasAttribute(_ name: String) -> Bool {
        attributes.contains { $0.name == name }
    }

    /// `a=group` lines (RFC 5888 §5).
    public var groups: [SDPGroup] {
        MediaDescription.unique(attributeValues("group").compactMap(SDPGroup.init(attributeValue:)))
    }

    /// The first `a=group:BUNDLE` (RFC 8843 §7.1); JSEP peers send one.
    public var bundleGroup: SDPGroup? { groups.first { $0.semantics == "BUNDLE" } }

    /// `a=msid-semantic: WMS ...`, trimmed (Chrome writes a space after the colon).
    public var msidSemantic: String? {
        attributeValues("msid-semantic").first.map(MediaDescription.trimmed)
    }

    /// RFC 8285 §6: one- and two-byte header extensions may be mixed.
    public var extmapAllowMixed: Bool { hasAttribute("extmap-allow-mixed") }
    /// RFC 8445 §2.5 (lite implementations only answer checks).
    public var iceLite: Bool { hasAttribute("ice-lite") }

    public var iceOptions: [String] { attributeValues("ice-options").flatMap(MediaDescription.tokens) }
    public var iceUfrag: String? { attributeValues("ice-ufrag").first.map(MediaDescription.trimmed) }
    public var icePwd: String? { attributeValues("ice-pwd").first.map(MediaDescription.trimmed) }
    public var fingerprints: [SDPFingerprint] {
        MediaDescription.unique(attributeValues("fingerprint").compactMap(SDPFingerprint.init(attributeValue:)))
    }
    public var setup: SDPSetupRole? {
        attributeValues("setup").first.flatMap { SDPSetupRole(rawValue: MediaDescription.trimmed($0)) }
    }

    // MARK: - Effective values for one media section

    public func iceUfrag(for media: MediaDescription) -> String? { media.iceUfrag ?? iceUfrag }
    public func icePwd(for media: MediaDescription) -> String? { media.icePwd ?? icePwd }

    public func iceOptions(for media: MediaDescription) -> [String] {
        media.hasAttribute("ice-options") ? media.iceOptions : iceOptions
    }

    public func fingerprints(for media: MediaDescription) -> [SDPFingerprint] {
        let own = media.fingerprints
        return own.isEmpty ? fingerprints : own
    }

    public func setup(for media: MediaDescription) -> SDPSetupRole? { media.setup ?? setup }

    /// The media section with this `a=mid`.
    public func media(withMid mid: String) -> MediaDescription? {
        media.first { $0.mid == mid }
    }
}
