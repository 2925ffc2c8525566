/// The viewer's answer to a device's offer (JSEP RFC 8829 §5.3.1): receive
/// only, VP8 and Opus only, one bundled transport with rtcp-mux.
///
/// ```swift
/// let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio], local: local, sessionID: 42)
/// send(answer.description.sdpText); configure(answer.negotiated)
/// ```
public struct ViewerAnswer: Sendable {
    public let description: SessionDescription
    public let negotiated: NegotiatedMedia

    /// - Parameters:
    ///   - wanting: the kinds to receive; each must be offered with our codec.
    ///   - sessionID: the `o=` session id (RFC 8829 §5.2.1 asks for a random 62-bit number).
    /// - Throws: `SDPNegotiationError`, e.g. `unsupported_codec: offered H264 only`.
    public init(offer: SessionDescription, wanting: Set<MediaKind>, local: LocalTransportParameters,
                sessionID: UInt64) throws(SDPNegotiationError) {
        let plan = try Self.plan(offer: offer, wanting: wanting)
        let transport = try RemoteTransport.read(
            from: offer, transportSection: plan.accepted.first.map { offer.media[$0.index] },
            bundleMids: plan.bundleMids, isOffer: true)
        let setup = RemoteTransport.setupAttribute(for: transport.dtlsRole)

        var streams: [MediaKind: NegotiatedStream] = [:]
        var sections: [MediaDescription] = []
        for (index, offered) in offer.media.enumerated() {
            if let choice = plan.accepted.first(where: { $0.index == index }) {
                let (section, stream) = Self.answerSection(offered, choice: choice, local: local, setup: setup)
                sections.append(section)
                streams[choice.kind] = stream
            } else {
                sections.append(Self.rejectedSection(offered))
            }
        }

        var attributes: [SDPAttribute] = []
        if !plan.bundleMids.isEmpty {
            attributes.append(SDPAttribute("group", SDPGroup(semantics: "BUNDLE", mids: plan.bundleMids).attributeValue))
        }
        description = SessionDescription(
            origin: SDPOrigin(sessionID: String(sessionID)), attributes: attributes, media: sections)
        negotiated = NegotiatedMedia(video: streams[.video], audio: streams[.audio], transport: transport)
    }

    /// One accepted offered section and the codec chosen in it.
    struct Choice {
        var index: Int
        var kind: MediaKind
        var mid: String
        var codec: RTPMap
        var rtxPayloadType: UInt8?
    }

    struct Plan {
        var accepted: [Choice]
        /// Accepted mids in the order of the offer's BUNDLE group; empty when the offer does not bundle.
        var bundleMids: [String]
    }

    /// Decides which sections to accept and with which codec, before writing anything.
    static func plan(offer: SessionDescription, wanting: Set<MediaKind>) throws(SDPNegotiationError) -> Plan {
        var accepted: [Choice] = []
        // A kind fails for its codec only when no section of that kind carries ours.
        var codecFailures: [MediaKind: String] = [:]
        for (index, section) in offer.media.enumerated() {
            guard let kind = MediaKind(rawValue: section.kind), wanting.contains(kind),
                  !accepted.contains(where: { $0.kind == kind }),
                  !section.isRejected, section.proto.contains("RTP/SAVPF")
            else { continue }
            guard let codec = MediaCapabilities.findCodec(for: kind, in: section) else {
                codecFailures[kind] = codecFailures[kind] ?? MediaCapabilities.describeOffered(section)
                continue
            }
            guard section.rtcpMux else {
                throw .unsupportedTransport("\(kind.rawValue) m= section lacks rtcp-mux")
            }
            let rtx = kind == .video ? MediaCapabilities.findRTX(for: codec.payloadType, in: section) : nil
            accepted.append(Choice(index: index, kind: kind, mid: section.mid ?? String(index),
                                   codec: codec, rtxPayloadType: rtx))
        }
        for kind in MediaKind.allCases.reversed() where wanting.contains(kind) {
            guard accepted.contains(where: { $0.kind == kind }) else {
                if let failure = codecFailures[kind] { throw .unsupportedCodec(failure) }
                let offered = offer.media.filter { !$0.isRejected }.map(\.kind)
                throw .capabilityMissing("no usable \(kind.rawValue) m= section (offered: "
                    + (offered.isEmpty ? "nothing" : offered.joined(separator: ", ")) + ")")
            }
        }

        // One transport only (RFC 8843): several accepted sections must share the offer's BUNDLE group.
        var bundleMids: [String] = []
        if let group = offer.bundleGroup {
            bundleMids = group.mids.filter { mid in accepted.contains { $0.mid == mid } }
        }
        if accepted.count > 1, bundleMids.count != accepted.count {
            throw .unsupportedTransport("offer does not bundle \(accepted.map(\.kind.rawValue).joined(separator: " and "))")
        }
        // The transport's parameters come from the first bundled section (RFC 8843 §7.3.1).
        if let firstMid = bundleMids.first, let position = accepted.firstIndex(where: { $0.mid == firstMid }) {
            accepted.insert(accepted.remove(at: position), at: 0)
        }
        return Plan(accepted: accepted, bundleMids: bundleMids)
    }

    /// RFC 3264 §6: a rejected stream keeps the offer's media and proto with port 0;
    /// JSEP keeps its mid so the offerer can match it.
    static func rejectedSection(_ offered: MediaDescription) -> MediaDescription {
        var attributes: [SDPAttribute] = []
        if let mid = offered.mid { attributes.append(SDPAttribute("mid", mid)) }
        return MediaDescription(kind: offered.kind, port: 0, proto: offered.proto, formats: offered.formats,
                                connection: .placeholder, attributes: attributes)
    }

    static func answerSection(_ offered: MediaDescription, choice: Choice, local: LocalTransportParameters,
                              setup: SDPSetupRole) -> (MediaDescription, NegotiatedStream) {
        let pt = choice.codec.payloadType
        let feedback = choice.kind == .video
            ? MediaCapabilities.videoFeedback.filter(offered.rtcpFeedback(for: pt).contains) : []
        // RFC 8285 §7: the answer reuses the offer's ids. We send no
        // extmap-allow-mixed, so only one-byte ids (1-14) can be used.
        let extMaps = MediaDescription.unique(offered.extMaps.filter {
            MediaCapabilities.supportedExtensionURIs.contains($0.uri) && $0.id <= 14
        })
        let offeredDirection = offered.direction ?? .sendrecv
        let direction = SDPDirection(sends: false, receives: offeredDirection.sends)

        var attributes = local.attributes(setup: setup)
        attributes.append(SDPAttribute("mid", choice.mid))
        attributes += extMaps.map { SDPAttribute("extmap", ExtMap(id: $0.id, uri: $0.uri).attributeValue) }
        attributes.append(SDPAttribute(direction.rawValue))
        attributes.append(SDPAttribute("rtcp-mux"))
        if offered.rtcpReducedSize { attributes.append(SDPAttribute("rtcp-rsize")) }
        attributes.append(SDPAttribute("rtpmap", choice.codec.attributeValue))
        attributes += feedback.map { SDPAttribute("rtcp-fb", "\(pt) \($0)") }
        let remoteParameters = offered.formatParameters(for: pt)
        if choice.kind == .audio {
            attributes.append(SDPAttribute("fmtp", "\(pt) \(MediaCapabilities.opusParameters)"))
        } else if let remoteParameters {
            attributes.append(SDPAttribute("fmtp", "\(pt) \(remoteParameters)"))
        }
        var formats = [String(pt)]
        if let rtx = choice.rtxPayloadType {
            formats.append(String(rtx))
            attributes.append(SDPAttribute("rtpmap", RTPMap(payloadType: rtx, encodingName: "rtx", clockRate: 90000).attributeValue))
            attributes.append(SDPAttribute("fmtp", "\(rtx) \(offered.formatParameters(for: rtx) ?? "apt=\(pt)")"))
        }
        attributes += local.candidateAttributes

        let destination = local.defaultDestination
        let section = MediaDescription(kind: offered.kind, port: destination.port, proto: offered.proto,
                                       formats: formats, connection: destination.connection, attributes: attributes)
        let ssrcs = offered.remoteStreamSSRCs
        let stream = NegotiatedStream(
            kind: choice.kind, mid: choice.mid, codec: choice.codec, rtxPayloadType: choice.rtxPayloadType,
            formatParameters: remoteParameters, feedback: Set(feedback),
            extensionIDs: Dictionary(extMaps.map { ($0.uri, $0.id) }, uniquingKeysWith: { first, _ in first }),
            localDirection: direction, remoteSSRCs: ssrcs.media, remoteRTXSSRCs: ssrcs.rtx, remoteCName: ssrcs.cname)
        return (section, stream)
    }
}
