extension DeviceOffer {
    /// Applies the viewer's answer to this offer (RFC 3264 §7, JSEP RFC 8829
    /// §5.10): reads the chosen payload types, extension ids, remote SSRCs and
    /// the remote transport parameters.
    ///
    /// - Throws: `mismatched_answer` when the answer does not mirror the
    ///   offer's m= lines, `unsupported_codec` when it picks a codec we did not
    ///   offer, `media_rejected` when it rejects everything.
    public func negotiate(answer: SessionDescription) throws(SDPNegotiationError) -> NegotiatedMedia {
        let offered = description.media
        // RFC 3264 §6: the answer has exactly as many m= lines, in the same order.
        guard answer.media.count == offered.count else {
            throw .mismatchedAnswer("answer has \(answer.media.count) m= sections, offer has \(offered.count)")
        }
        var streams: [MediaKind: NegotiatedStream] = [:]
        var accepted: [MediaDescription] = []
        for (ours, theirs) in zip(offered, answer.media) {
            guard let kind = MediaKind(rawValue: ours.kind), let mid = ours.mid else { continue }
            guard theirs.kind == ours.kind, theirs.mid == nil || theirs.mid == mid else {
                throw .mismatchedAnswer("answer section \(theirs.kind) mid \(theirs.mid ?? "-") "
                    + "does not match offered \(ours.kind) mid \(mid)")
            }
            if theirs.isRejected { continue }
            streams[kind] = try Self.stream(kind: kind, mid: mid, ours: ours, theirs: theirs)
            accepted.append(theirs)
        }

        var bundleMids = accepted.compactMap(\.mid)
        if let group = answer.bundleGroup {
            bundleMids = group.mids.filter(bundleMids.contains)
        }
        // The first mid of the BUNDLE group carries the transport (RFC 8843 §7.1.1).
        let transportSection = accepted.first { $0.mid == bundleMids.first } ?? accepted.first
        let transport = try RemoteTransport.read(
            from: answer, transportSection: transportSection, bundleMids: bundleMids, isOffer: false)
        return NegotiatedMedia(video: streams[.video], audio: streams[.audio], transport: transport)
    }

    static func stream(kind: MediaKind, mid: String, ours: MediaDescription,
                       theirs: MediaDescription) throws(SDPNegotiationError) -> NegotiatedStream {
        // RFC 3264 §6.1: the answer reuses the offer's payload types; match by
        // our own rtpmap so an answer without rtpmap lines still works.
        let ourCodec = MediaCapabilities.codec(for: kind)
        guard theirs.payloadTypes.contains(ourCodec.payloadType) else {
            let named = theirs.payloadTypes.map { pt in theirs.rtpMap(for: pt)?.encodingName ?? String(pt) }
            throw .unsupportedCodec("answered \(named.isEmpty ? "no codec" : named.joined(separator: ", ")) only")
        }
        let rtx = kind == .video && theirs.payloadTypes.contains(MediaCapabilities.vp8RTX.payloadType)
            ? MediaCapabilities.vp8RTX.payloadType : nil
        let answeredFeedback = Set(theirs.rtcpFeedback(for: ourCodec.payloadType))
        let feedback = Set(ours.rtcpFeedback(for: ourCodec.payloadType)).intersection(answeredFeedback)

        var extensionIDs: [String: UInt8] = [:]
        let offeredURIs = Set(ours.extMaps.map(\.uri))
        for ext in theirs.extMaps where offeredURIs.contains(ext.uri) && extensionIDs[ext.uri] == nil {
            extensionIDs[ext.uri] = ext.id
        }
        let answered = theirs.direction ?? .sendrecv
        let ssrcs = theirs.remoteStreamSSRCs
        return NegotiatedStream(
            kind: kind, mid: mid, codec: ourCodec, rtxPayloadType: rtx,
            formatParameters: theirs.formatParameters(for: ourCodec.payloadType), feedback: feedback,
            extensionIDs: extensionIDs, localDirection: SDPDirection(sends: answered.receives, receives: false),
            remoteSSRCs: ssrcs.media, remoteRTXSSRCs: ssrcs.rtx, remoteCName: ssrcs.cname)
    }
}
