/// The device's offer (JSEP RFC 8829 §5.2.1): send-only VP8 (+RTX) and/or
/// Opus over one bundled transport, `setup:actpass`, rtcp-mux.
///
/// ```swift
/// let offer = DeviceOffer(options, local: local)
/// send(offer.description.sdpText)
/// let negotiated = try offer.negotiate(answer: try SessionDescription(parsing: answerText))
/// ```
public struct DeviceOffer: Sendable {
    public struct Options: Hashable, Sendable {
        /// The kinds to send, in m= line order (mids "0", "1", ...).
        public var kinds: [MediaKind]
        public var videoSSRC: UInt32
        public var videoRTXSSRC: UInt32
        public var audioSSRC: UInt32
        /// RTCP CNAME (RFC 7022 §4.2: a random, per-session identifier).
        public var cname: String
        /// `a=msid` stream id shared by both tracks (RFC 8830 §2).
        public var streamID: String
        public var videoTrackID: String
        public var audioTrackID: String
        /// The `o=` session id (RFC 8829 §5.2.1: random, up to 62 bits).
        public var sessionID: UInt64

        public init(kinds: [MediaKind], videoSSRC: UInt32, videoRTXSSRC: UInt32, audioSSRC: UInt32,
                    cname: String, streamID: String, videoTrackID: String, audioTrackID: String, sessionID: UInt64) {
            self.kinds = kinds
            self.videoSSRC = videoSSRC
            self.videoRTXSSRC = videoRTXSSRC
            self.audioSSRC = audioSSRC
            self.cname = cname
            self.streamID = streamID
            self.videoTrackID = videoTrackID
            self.audioTrackID = audioTrackID
            self.sessionID = sessionID
        }
    }

    public let options: Options
    public let description: SessionDescription

    public init(_ options: Options, local: LocalTransportParameters) {
        self.options = options
        var kinds: [MediaKind] = []
        for kind in options.kinds where !kinds.contains(kind) { kinds.append(kind) }
        let sections = kinds.enumerated().map { index, kind in
            Self.section(kind: kind, mid: String(index), options: options, local: local)
        }
        let mids = kinds.indices.map(String.init)
        var attributes: [SDPAttribute] = []
        if !mids.isEmpty { attributes.append(SDPAttribute("group", SDPGroup(semantics: "BUNDLE", mids: mids).attributeValue)) }
        attributes.append(SDPAttribute("msid-semantic", "WMS \(options.streamID)"))
        description = SessionDescription(origin: SDPOrigin(sessionID: String(options.sessionID)),
                                         attributes: attributes, media: sections)
    }

    static func section(kind: MediaKind, mid: String, options: Options,
                        local: LocalTransportParameters) -> MediaDescription {
        let codec = MediaCapabilities.codec(for: kind)
        let pt = codec.payloadType
        let trackID = kind == .video ? options.videoTrackID : options.audioTrackID
        let msid = MediaStreamID(streamID: options.streamID, trackID: trackID).attributeValue

        var attributes = local.attributes(setup: .actpass)
        attributes.append(SDPAttribute("mid", mid))
        for ext in MediaCapabilities.extensions where ext.kinds.contains(kind) {
            attributes.append(SDPAttribute("extmap", ExtMap(id: ext.offerID, uri: ext.uri).attributeValue))
        }
        attributes.append(SDPAttribute(SDPDirection.sendonly.rawValue))
        attributes.append(SDPAttribute("msid", msid))
        attributes.append(SDPAttribute("rtcp-mux"))
        attributes.append(SDPAttribute("rtcp-rsize"))
        attributes.append(SDPAttribute("rtpmap", codec.attributeValue))

        var formats = [String(pt)]
        var ssrcs: [UInt32]
        switch kind {
        case .video:
            attributes += MediaCapabilities.videoFeedback.map { SDPAttribute("rtcp-fb", "\(pt) \($0)") }
            let rtx = MediaCapabilities.vp8RTX
            formats.append(String(rtx.payloadType))
            attributes.append(SDPAttribute("rtpmap", rtx.attributeValue))
            attributes.append(SDPAttribute("fmtp", "\(rtx.payloadType) apt=\(pt)"))
            ssrcs = [options.videoSSRC, options.videoRTXSSRC]
            attributes.append(SDPAttribute("ssrc-group", SSRCGroup(semantics: "FID", ssrcs: ssrcs).attributeValue))
        case .audio:
            attributes.append(SDPAttribute("fmtp", "\(pt) \(MediaCapabilities.opusParameters)"))
            ssrcs = [options.audioSSRC]
        }
        // RFC 5576 §4.1 cname, plus the per-SSRC msid older Chrome versions read.
        for ssrc in ssrcs {
            attributes.append(SDPAttribute("ssrc", SSRCAttribute(ssrc: ssrc, attribute: "cname", value: options.cname).attributeValue))
            attributes.append(SDPAttribute("ssrc", SSRCAttribute(ssrc: ssrc, attribute: "msid", value: msid).attributeValue))
        }
        attributes += local.candidateAttributes

        let destination = local.defaultDestination
        return MediaDescription(kind: kind.rawValue, port: destination.port, proto: "UDP/TLS/RTP/SAVPF",
                                formats: formats, connection: destination.connection, attributes: attributes)
    }
}
