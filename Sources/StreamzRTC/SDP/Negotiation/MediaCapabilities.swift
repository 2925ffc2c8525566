/// What our RTP stack implements, the yardstick for both roles.
enum MediaCapabilities {
    static let vp8 = RTPMap(payloadType: 96, encodingName: "VP8", clockRate: 90000)
    static let vp8RTX = RTPMap(payloadType: 97, encodingName: "rtx", clockRate: 90000)
    static let opus = RTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000, channels: 2)
    /// RFC 7587 §7: we decode in-band FEC and send 10 ms frames at minimum.
    static let opusParameters = "minptime=10;useinbandfec=1"

    /// Video feedback we act on. transport-cc is left out on purpose: we
    /// estimate bandwidth with REMB, not transport-wide feedback.
    static let videoFeedback: [RTCPFeedback] = [.remb, .fir, .nack, .pli]

    /// Header extensions we read or write, with the ids our offers use
    /// (one id per URI for the whole bundle: all m= sections share one RTP
    /// session, so an id must mean the same extension in each, RFC 8285 §5).
    static let extensions: [(uri: String, offerID: UInt8, kinds: Set<MediaKind>)] = [
        (ExtMap.midURI, 1, [.audio, .video]),
        (ExtMap.absSendTimeURI, 2, [.audio, .video]),
        (ExtMap.absCaptureTimeURI, 3, [.audio, .video]),
        (ExtMap.audioLevelURI, 4, [.audio]),
    ]

    static let supportedExtensionURIs = Set(extensions.map(\.uri))

    /// The codec we want for a kind.
    static func codec(for kind: MediaKind) -> RTPMap {
        kind == .video ? vp8 : opus
    }

    /// Finds our codec in a remote section's rtpmaps by name and rate, never by
    /// position: peers order codecs differently (Pion lists VP9 first).
    static func findCodec(for kind: MediaKind, in media: MediaDescription) -> RTPMap? {
        let wanted = codec(for: kind)
        let maps = media.rtpMaps
        for pt in media.payloadTypes {
            guard let map = maps.first(where: { $0.payloadType == pt }) else { continue }
            if map.matches(name: wanted.encodingName, clockRate: wanted.clockRate, channels: wanted.channels) {
                return map
            }
        }
        return nil
    }

    /// The RTX payload type whose `apt=` points at `payloadType` (RFC 4588 §8.6).
    static func findRTX(for payloadType: UInt8, in media: MediaDescription) -> UInt8? {
        let listed = Set(media.payloadTypes)
        for map in media.rtpMaps where map.matches(name: "rtx", clockRate: 90000) && listed.contains(map.payloadType) {
            if let apt = associatedPayloadType(media.formatParameters(for: map.payloadType)), apt == payloadType {
                return map.payloadType
            }
        }
        return nil
    }

    /// `apt=<pt>` out of an fmtp parameter list (`apt=96;rtx-time=3000`).
    static func associatedPayloadType(_ parameters: String?) -> UInt8? {
        guard let parameters else { return nil }
        for pair in parameters.split(separator: ";") {
            let keyValue = pair.split(separator: "=", maxSplits: 1)
            if keyValue.count == 2, MediaDescription.trimmed(String(keyValue[0])) == "apt" {
                return UInt8(keyValue[1])
            }
        }
        return nil
    }

    /// Codec names in a section for error messages, minus the helper formats
    /// (retransmission, redundancy, FEC, comfort noise, DTMF) that are no
    /// codec by themselves.
    static func offeredCodecNames(in media: MediaDescription) -> [String] {
        let helpers: Set<String> = ["rtx", "red", "ulpfec", "flexfec-03", "cn", "telephone-event"]
        let names = media.payloadTypes.compactMap { media.rtpMap(for: $0)?.encodingName ?? staticPayloadNames[$0] }
            .filter { !helpers.contains($0.lowercased()) }
        return MediaDescription.unique(names)
    }

    /// Static payload types a peer may list without an rtpmap (RFC 3551 §6).
    static let staticPayloadNames: [UInt8: String] = [
        0: "PCMU", 3: "GSM", 4: "G723", 8: "PCMA", 9: "G722", 18: "G729", 26: "JPEG", 34: "H263",
    ]

    static func describeOffered(_ media: MediaDescription) -> String {
        let names = offeredCodecNames(in: media)
        return names.isEmpty ? "offered no \(media.kind) codec" : "offered \(names.joined(separator: ", ")) only"
    }
}
