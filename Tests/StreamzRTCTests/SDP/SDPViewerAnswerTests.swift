import Testing
@testable import StreamzRTC

@Suite("SDP viewer answer (JSEP RFC 8829 §5.3)")
struct SDPViewerAnswerTests {
    let local = SDPFixtures.localTransport()

    @Test("answer to Chromium's offer picks VP8 96 + rtx 97 and Opus 111")
    func chromeOffer() throws {
        let offer = try SDPFixtures.parsed("chrome-offer.sdp")
        let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio], local: local, sessionID: 77)
        let video = try #require(answer.negotiated.video)
        let audio = try #require(answer.negotiated.audio)
        #expect(video.payloadType == 96 && video.rtxPayloadType == 97 && video.clockRate == 90000)
        #expect(video.mid == "1")
        #expect(video.feedback == [.nack, .pli, .fir, .remb])
        #expect(video.extensionIDs == [ExtMap.absSendTimeURI: 2, ExtMap.midURI: 4])
        #expect(video.remoteSSRCs == [130426261])
        #expect(video.remoteRTXSSRCs == [130426261: 2262870896])
        #expect(video.remoteCName == "cugOMCM0OBgp8o+m")
        #expect(video.localDirection == .recvonly)
        #expect(audio.payloadType == 111 && audio.codec.channels == 2 && audio.rtxPayloadType == nil)
        #expect(audio.formatParameters == "minptime=10;useinbandfec=1")
        #expect(audio.feedback.isEmpty)
        #expect(audio.extensionIDs == [ExtMap.audioLevelURI: 1, ExtMap.absSendTimeURI: 2, ExtMap.midURI: 4])
        #expect(audio.remoteSSRCs == [3460841606])

        let transport = answer.negotiated.transport
        #expect(transport.remoteICEUfrag == "lMPe" && transport.remoteICEPwd == "2Fww60AWu9OpBpXkXgrVJ9WU")
        #expect(transport.remoteFingerprint.bytes.count == 32)
        #expect(transport.dtlsRole == .client)
        #expect(transport.remoteCandidates.count == 8)
        #expect(!transport.remoteEndOfCandidates && transport.remoteTrickle && !transport.remoteICELite)
        #expect(transport.bundleMids == ["0", "1"])
    }

    @Test("the answer text says what JSEP requires")
    func answerLines() throws {
        let offer = try SDPFixtures.parsed("chrome-offer.sdp")
        let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio], local: local, sessionID: 77)
        // It must survive our own parser, and describe the same thing after a round trip.
        let sdp = try SessionDescription(parsing: answer.description.sdpText)
        #expect(sdp == answer.description)
        #expect(sdp.origin.sessionID == "77")
        #expect(sdp.bundleGroup?.mids == ["0", "1"])
        #expect(!sdp.extmapAllowMixed)
        #expect(sdp.media.map(\.mid) == ["0", "1"])
        for section in sdp.media {
            #expect(section.port == 40000)
            #expect(section.connection == SDPConnection(address: "127.0.0.1"))
            #expect(section.proto == "UDP/TLS/RTP/SAVPF")
            #expect(section.direction == .recvonly)
            #expect(section.setup == .active)
            #expect(section.rtcpMux && section.rtcpReducedSize)
            #expect(section.iceUfrag == "vWxy" && section.icePwd == "0123456789abcdefghijkl")
            #expect(section.fingerprints == [local.fingerprint])
            // Candidates repeated in every bundled section (aiortc reads the last one).
            #expect(section.candidates == local.candidates && section.endOfCandidates)
            #expect(!section.extMaps.contains { $0.uri == ExtMap.transportCCURI })
        }
        let video = sdp.media[1]
        #expect(video.formats == ["96", "97"])
        #expect(video.rtpMaps.map(\.encodingName) == ["VP8", "rtx"])
        #expect(video.formatParameters(for: 97) == "apt=96")
        #expect(!video.rtcpFeedback(for: 96).contains(.transportCC))
        let audio = sdp.media[0]
        #expect(audio.formats == ["111"])
        #expect(audio.formatParameters(for: 111) == "minptime=10;useinbandfec=1")
    }

    @Test("answer to aiortc's offer picks VP8 97 + rtx 98 and Opus 96")
    func aiortcOffer() throws {
        let offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio], local: local, sessionID: 5)
        let video = try #require(answer.negotiated.video)
        let audio = try #require(answer.negotiated.audio)
        #expect(video.payloadType == 97 && video.rtxPayloadType == 98)
        #expect(video.feedback == [.nack, .pli, .remb])
        #expect(video.extensionIDs == [ExtMap.midURI: 1, ExtMap.absSendTimeURI: 3])
        #expect(audio.payloadType == 96)
        #expect(audio.extensionIDs == [ExtMap.midURI: 1, ExtMap.audioLevelURI: 2])
        let transport = answer.negotiated.transport
        #expect(transport.remoteEndOfCandidates && !transport.remoteTrickle)
        #expect(transport.remoteCandidates == ["16572de626da4e5384a0ce2d0d93678a 1 udp 2130706431 127.0.0.1 59325 typ host"])
        #expect(transport.remoteFingerprints.count == 3 && transport.remoteFingerprint.algorithm == "sha-256")
        #expect(transport.bundleMids == ["0", "1"])
        #expect(answer.description.media.map(\.kind) == ["video", "audio"])
    }

    @Test("Pion's offer: VP8 found though VP9 comes first; wildcard transport-cc refused")
    func pionOffer() throws {
        let offer = try SDPFixtures.parsed("pion-offer.sdp")
        let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio], local: local, sessionID: 5)
        let video = try #require(answer.negotiated.video)
        #expect(video.payloadType == 96 && video.rtxPayloadType == 97)
        #expect(video.feedback == [.nack, .pli, .fir, .remb])
        #expect(video.extensionIDs == [ExtMap.midURI: 2, ExtMap.absSendTimeURI: 3])
        #expect(video.remoteSSRCs == [2873411264])
        // Duplicate candidate lines count once.
        #expect(answer.negotiated.transport.remoteCandidates.count == 2)
        let videoLines = answer.description.media[0].attributes.filter { $0.name == "extmap" }
        #expect(videoLines.count == 2)
    }

    @Test("an H264-only offer is refused naming what was offered")
    func h264Only() throws {
        let offer = try SDPFixtures.parsed("h264-only-offer.sdp")
        let error = try #require(throws: SDPNegotiationError.self) {
            try ViewerAnswer(offer: offer, wanting: [.video], local: local, sessionID: 1)
        }
        #expect(error.code == "unsupported_codec")
        #expect(error.description == "unsupported_codec: offered H264 only")
    }

    @Test("an offer without Opus is refused when audio is wanted")
    func noOpus() throws {
        var offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        offer.media[1].formats.removeAll { $0 == "96" }
        let error = try #require(throws: SDPNegotiationError.self) {
            try ViewerAnswer(offer: offer, wanting: [.audio], local: local, sessionID: 1)
        }
        #expect(error.description == "unsupported_codec: offered G722, PCMU, PCMA only")

        // Static payload types are named even without rtpmap lines (RFC 3551 §6).
        offer.media[1].attributes.removeAll { $0.name == "rtpmap" }
        let bare = try #require(throws: SDPNegotiationError.self) {
            try ViewerAnswer(offer: offer, wanting: [.audio], local: local, sessionID: 1)
        }
        #expect(bare.description == "unsupported_codec: offered G722, PCMU, PCMA only")
    }

    @Test("audio only: the video section is rejected with port 0 and left out of BUNDLE")
    func audioOnlyFromBoth() throws {
        let offer = try SDPFixtures.parsed("chrome-offer.sdp")
        let answer = try ViewerAnswer(offer: offer, wanting: [.audio], local: local, sessionID: 1)
        #expect(answer.negotiated.video == nil)
        #expect(answer.negotiated.audio?.payloadType == 111)
        #expect(answer.negotiated.transport.bundleMids == ["0"])
        let video = answer.description.media[1]
        #expect(video.port == 0 && video.isRejected && video.mid == "1")
        #expect(video.formats == offer.media[1].formats)
        #expect(answer.description.bundleGroup?.mids == ["0"])
    }

    @Test("an audio-only offer: answered, and a wanted video is reported missing")
    func audioOnlyOffer() throws {
        var offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        offer.media.removeFirst()
        offer.attributes = offer.attributes.map { $0.name == "group" ? SDPAttribute("group", "BUNDLE 1") : $0 }
        let answer = try ViewerAnswer(offer: offer, wanting: [.audio], local: local, sessionID: 1)
        #expect(answer.description.media.count == 1)
        #expect(answer.negotiated.audio?.mid == "1")
        #expect(answer.negotiated.transport.bundleMids == ["1"])
        let error = try #require(throws: SDPNegotiationError.self) {
            try ViewerAnswer(offer: offer, wanting: [.audio, .video], local: local, sessionID: 1)
        }
        #expect(error.code == "capability_missing")
        #expect(error.detail.contains("offered: audio"))
    }

    @Test("setup in the offer decides our DTLS role", arguments: [
        ("actpass", DTLSRole.client, "active"), ("active", .server, "passive"), ("passive", .client, "active"),
    ])
    func dtlsRole(offered: String, role: DTLSRole, written: String) throws {
        var offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        for index in offer.media.indices {
            offer.media[index].attributes = offer.media[index].attributes.map {
                $0.name == "setup" ? SDPAttribute("setup", offered) : $0
            }
        }
        let answer = try ViewerAnswer(offer: offer, wanting: [.video], local: local, sessionID: 1)
        #expect(answer.negotiated.transport.dtlsRole == role)
        #expect(answer.description.media[0].setup == SDPSetupRole(rawValue: written))
    }

    @Test("offers we cannot carry on one transport are refused", arguments: [
        ("rtcp-mux", "unsupported_transport"), ("group", "unsupported_transport"),
        ("fingerprint", "missing_transport_parameters"), ("ice-ufrag", "missing_transport_parameters"),
    ])
    func transportRefusals(removed: String, code: String) throws {
        var offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        offer.attributes.removeAll { $0.name == removed }
        for index in offer.media.indices { offer.media[index].attributes.removeAll { $0.name == removed } }
        let error = try #require(throws: SDPNegotiationError.self) {
            try ViewerAnswer(offer: offer, wanting: [.video, .audio], local: local, sessionID: 1)
        }
        #expect(error.code == code)
    }

    @Test("only a sha-1 fingerprint is not enough")
    func sha1Only() throws {
        var offer = try SDPFixtures.parsed("h264-only-offer.sdp")
        offer.media[0].attributes = offer.media[0].attributes.map {
            $0.name == "fingerprint" ? SDPAttribute("fingerprint", "sha-1 " + Array(repeating: "AB", count: 20).joined(separator: ":")) : $0
        }
        offer.media[0].attributes += [SDPAttribute("rtpmap", "96 VP8/90000")]
        offer.media[0].formats.append("96")
        let error = try #require(throws: SDPNegotiationError.self) {
            try ViewerAnswer(offer: offer, wanting: [.video], local: local, sessionID: 1)
        }
        #expect(error.description == "missing_transport_parameters: no sha-256 fingerprint (offered sha-1)")
    }

    @Test("without an IP candidate the answer uses JSEP's placeholder address", arguments: [
        [String](), ["1 1 udp 2130706431 3f0c1d2e-0000-4000-8000-000000000000.local 40000 typ host"],
    ])
    func placeholder(candidates: [String]) throws {
        let offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        let quiet = SDPFixtures.localTransport(candidates: candidates, endOfCandidates: false)
        let answer = try ViewerAnswer(offer: offer, wanting: [.video], local: quiet, sessionID: 1)
        let video = answer.description.media[0]
        #expect(video.port == 9 && video.connection == .placeholder)
        #expect(video.candidates == candidates && !video.endOfCandidates)
        #expect(answer.description.media[1].isRejected)
    }

    @Test("a bundle-only section at port 0 is live; a data channel section is rejected")
    func bundleOnlyAndDataChannel() throws {
        var offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        // GStreamer webrtcbin with max-bundle: later sections at port 0 with a=bundle-only.
        offer.media[1].port = 0
        offer.media[1].attributes.append(SDPAttribute("bundle-only"))
        offer.media.append(MediaDescription(
            kind: "application", port: 9, proto: "UDP/DTLS/SCTP", formats: ["webrtc-datachannel"],
            attributes: [SDPAttribute("mid", "2"), SDPAttribute("sctp-port", "5000")]))
        offer.attributes = offer.attributes.map { $0.name == "group" ? SDPAttribute("group", "BUNDLE 0 1 2") : $0 }
        let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio], local: local, sessionID: 1)
        #expect(answer.negotiated.audio?.mid == "1")
        #expect(answer.negotiated.transport.bundleMids == ["0", "1"])
        let data = answer.description.media[2]
        #expect(data.port == 0 && data.kind == "application" && data.mid == "2")
        #expect(data.proto == "UDP/DTLS/SCTP" && data.formats == ["webrtc-datachannel"])
    }

    @Test("an offer without a=setup makes us passive (RFC 4145 §4 default)")
    func missingSetup() throws {
        var offer = try SDPFixtures.parsed("aiortc-offer.sdp")
        for index in offer.media.indices { offer.media[index].attributes.removeAll { $0.name == "setup" } }
        let answer = try ViewerAnswer(offer: offer, wanting: [.video], local: local, sessionID: 1)
        #expect(answer.negotiated.transport.dtlsRole == .server)
        #expect(answer.description.media[0].setup == .passive)
    }
}
