import Testing
@testable import StreamzRTC

@Suite("SDP device offer (JSEP RFC 8829 §5.2) and answer handling")
struct SDPDeviceOfferTests {
    static let options = DeviceOffer.Options(
        kinds: [.video, .audio], videoSSRC: 0x1234_5678, videoRTXSSRC: 0x2345_6789, audioSSRC: 0x3456_789A,
        cname: "device-cname", streamID: "stream", videoTrackID: "camera", audioTrackID: "microphone",
        sessionID: 4_611_686_018_427_387_903)

    let local = SDPFixtures.localTransport()

    @Test("the offer carries what a viewer needs")
    func offerLines() throws {
        let offer = DeviceOffer(Self.options, local: local)
        let sdp = try SessionDescription(parsing: offer.description.sdpText)
        #expect(sdp == offer.description)
        #expect(sdp.origin.sessionID == "4611686018427387903")
        #expect(sdp.bundleGroup?.mids == ["0", "1"])
        #expect(sdp.msidSemantic == "WMS stream")
        let video = sdp.media[0]
        #expect(video.kind == "video" && video.mid == "0" && video.direction == .sendonly)
        #expect(video.setup == .actpass && video.rtcpMux && video.rtcpReducedSize)
        #expect(video.formats == ["96", "97"])
        #expect(video.rtpMap(for: 96)?.encodingName == "VP8" && video.formatParameters(for: 97) == "apt=96")
        #expect(Set(video.rtcpFeedback(for: 96)) == [.nack, .pli, .fir, .remb])
        #expect(video.extMaps.map(\.uri) == [ExtMap.midURI, ExtMap.absSendTimeURI, ExtMap.absCaptureTimeURI])
        #expect(video.msids == [MediaStreamID(streamID: "stream", trackID: "camera")])
        #expect(video.ssrcGroups == [SSRCGroup(semantics: "FID", ssrcs: [0x1234_5678, 0x2345_6789])])
        #expect(video.ssrcAttributes.filter { $0.attribute == "cname" }.map(\.value) == ["device-cname", "device-cname"])
        #expect(video.candidates == local.candidates && video.endOfCandidates)
        let audio = sdp.media[1]
        #expect(audio.formats == ["111"])
        #expect(audio.rtpMap(for: 111) == RTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(audio.formatParameters(for: 111) == "minptime=10;useinbandfec=1")
        #expect(audio.extMaps.map(\.id) == [1, 2, 3, 4])
        #expect(audio.ssrcs == [0x3456_789A])
        // One id per URI across the bundle.
        for ext in video.extMaps { #expect(audio.extMaps.first { $0.uri == ext.uri }?.id == ext.id) }
    }

    @Test("our viewer answers our device offer, and the device applies that answer")
    func loop() throws {
        let device = DeviceOffer(Self.options, local: local)
        let viewerLocal = LocalTransportParameters(
            iceUfrag: "view", icePwd: "viewerpasswordviewerpw",
            fingerprint: SDPFingerprint(algorithm: "sha-256", bytes: Array(repeating: 0xAB, count: 32)),
            candidates: ["2 1 udp 2130706431 127.0.0.1 50000 typ host"], iceOptions: ["trickle"])
        let offerText = device.description.sdpText
        let viewer = try ViewerAnswer(offer: SessionDescription(parsing: offerText), wanting: [.video, .audio],
                                      local: viewerLocal, sessionID: 9)
        #expect(viewer.negotiated.video?.remoteSSRCs == [0x1234_5678])
        #expect(viewer.negotiated.video?.remoteRTXSSRCs == [0x1234_5678: 0x2345_6789])
        #expect(viewer.negotiated.video?.remoteCName == "device-cname")
        #expect(viewer.negotiated.video?.extensionIDs.count == 3)
        #expect(viewer.negotiated.audio?.extensionIDs[ExtMap.audioLevelURI] == 4)
        #expect(viewer.negotiated.transport.dtlsRole == .client)

        let negotiated = try device.negotiate(answer: SessionDescription(parsing: viewer.description.sdpText))
        let video = try #require(negotiated.video)
        let audio = try #require(negotiated.audio)
        #expect(video.payloadType == 96 && video.rtxPayloadType == 97 && video.mid == "0")
        #expect(video.feedback == [.nack, .pli, .fir, .remb])
        #expect(video.extensionIDs == [ExtMap.midURI: 1, ExtMap.absSendTimeURI: 2, ExtMap.absCaptureTimeURI: 3])
        #expect(video.localDirection == .sendonly)
        #expect(audio.payloadType == 111 && audio.formatParameters == "minptime=10;useinbandfec=1")
        let transport = negotiated.transport
        #expect(transport.dtlsRole == .server)
        #expect(transport.remoteICEUfrag == "view" && transport.remoteICEPwd == "viewerpasswordviewerpw")
        #expect(transport.remoteFingerprint == viewerLocal.fingerprint)
        #expect(transport.remoteCandidates == viewerLocal.candidates)
        #expect(transport.remoteTrickle && !transport.remoteEndOfCandidates)
        #expect(transport.bundleMids == ["0", "1"])
    }

    @Test("an audio-only device offer")
    func audioOnly() throws {
        var options = Self.options
        options.kinds = [.audio]
        let device = DeviceOffer(options, local: local)
        #expect(device.description.media.map(\.kind) == ["audio"])
        #expect(device.description.bundleGroup?.mids == ["0"])
        let viewer = try ViewerAnswer(offer: device.description, wanting: [.audio], local: local, sessionID: 3)
        let negotiated = try device.negotiate(answer: viewer.description)
        #expect(negotiated.video == nil && negotiated.audio?.payloadType == 111)
    }

    @Test("a rejected video leaves audio negotiated; rejecting everything fails")
    func rejections() throws {
        let device = DeviceOffer(Self.options, local: local)
        let audioOnly = try ViewerAnswer(offer: device.description, wanting: [.audio], local: local, sessionID: 3)
        let negotiated = try device.negotiate(answer: audioOnly.description)
        #expect(negotiated.video == nil && negotiated.audio?.mid == "1")
        #expect(negotiated.transport.bundleMids == ["1"])

        var nothing = audioOnly.description
        nothing.media[1].port = 0
        let error = try #require(throws: SDPNegotiationError.self) { try device.negotiate(answer: nothing) }
        #expect(error.code == "media_rejected")
    }

    @Test("answers that do not fit the offer are refused")
    func mismatches() throws {
        let device = DeviceOffer(Self.options, local: local)
        // Chromium's answer belongs to another offer: audio first, 23 video formats.
        let chrome = try SDPFixtures.parsed("chrome-answer.sdp")
        #expect(throws: SDPNegotiationError.self) { try device.negotiate(answer: chrome) }

        var good = try ViewerAnswer(offer: device.description, wanting: [.video, .audio], local: local, sessionID: 3)
            .description
        good.media.removeLast()
        let count = try #require(throws: SDPNegotiationError.self) { try device.negotiate(answer: good) }
        #expect(count.code == "mismatched_answer")

        var h264 = try ViewerAnswer(offer: device.description, wanting: [.video, .audio], local: local, sessionID: 3)
            .description
        h264.media[0].formats = ["102"]
        h264.media[0].attributes.append(SDPAttribute("rtpmap", "102 H264/90000"))
        let codec = try #require(throws: SDPNegotiationError.self) { try device.negotiate(answer: h264) }
        #expect(codec.description == "unsupported_codec: answered H264 only")

        var actpass = try ViewerAnswer(offer: device.description, wanting: [.video], local: local, sessionID: 3)
            .description
        actpass.media[0].attributes = actpass.media[0].attributes.map {
            $0.name == "setup" ? SDPAttribute("setup", "actpass") : $0
        }
        let setup = try #require(throws: SDPNegotiationError.self) { try device.negotiate(answer: actpass) }
        #expect(setup.code == "mismatched_answer")
    }
}
