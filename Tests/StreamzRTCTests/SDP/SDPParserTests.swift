import Testing
@testable import StreamzRTC

@Suite("SDP parsing and serialization (RFC 8866)")
struct SDPParserTests {
    @Test("every fixture parses and survives serialize → parse unchanged", arguments: SDPFixtures.all)
    func roundTrip(name: String) throws {
        let parsed = try SDPFixtures.parsed(name)
        #expect(!parsed.media.isEmpty)
        let reparsed = try SessionDescription(parsing: parsed.sdpText)
        #expect(reparsed == parsed)
    }

    @Test("Chromium and aiortc text is reproduced byte for byte",
          arguments: ["chrome-offer.sdp", "chrome-answer.sdp", "aiortc-offer.sdp", "aiortc-answer.sdp"])
    func exactText(name: String) throws {
        let text = try SDPFixtures.text(name)
        #expect(try SessionDescription(parsing: text).sdpText == text)
    }

    @Test("Chromium offer: session level")
    func chromeSession() throws {
        let sdp = try SDPFixtures.parsed("chrome-offer.sdp")
        #expect(sdp.origin.sessionID == "2337020019934602792")
        #expect(sdp.origin.sessionVersion == "2")
        #expect(sdp.timings == ["0 0"])
        #expect(sdp.bundleGroup == SDPGroup(semantics: "BUNDLE", mids: ["0", "1"]))
        #expect(sdp.extmapAllowMixed)
        #expect(sdp.msidSemantic == "WMS 1a66fc1a-c845-4c69-8725-7b50ff3dce05")
        #expect(sdp.media.map(\.kind) == ["audio", "video"])
    }

    @Test("Chromium offer: video section accessors")
    func chromeVideo() throws {
        let sdp = try SDPFixtures.parsed("chrome-offer.sdp")
        let video = try #require(sdp.media(withMid: "1"))
        #expect(video.kind == "video")
        #expect(video.port == 52148)
        #expect(video.connection == SDPConnection(address: "127.0.0.1"))
        #expect(video.direction == .sendonly)
        #expect(video.iceUfrag == "lMPe")
        #expect(video.icePwd == "2Fww60AWu9OpBpXkXgrVJ9WU")
        #expect(video.iceOptions == ["trickle"])
        #expect(video.setup == .actpass)
        #expect(video.rtcpMux && video.rtcpReducedSize && !video.bundleOnly && !video.endOfCandidates)
        let fingerprint = try #require(video.fingerprints.first)
        #expect(fingerprint.algorithm == "sha-256")
        #expect(fingerprint.bytes.count == 32)
        #expect(fingerprint.bytes.prefix(3) == [0xEF, 0xAC, 0x6E])
        #expect(video.payloadTypes.first == 96)
        #expect(video.rtpMap(for: 96) == RTPMap(payloadType: 96, encodingName: "VP8", clockRate: 90000))
        #expect(video.formatParameters(for: 97) == "apt=96")
        #expect(video.rtcpFeedback(for: 96) == [.remb, .transportCC, .fir, .nack, .pli])
        #expect(video.extMaps.first { $0.uri == ExtMap.absSendTimeURI }?.id == 2)
        #expect(video.msids == [MediaStreamID(streamID: "1a66fc1a-c845-4c69-8725-7b50ff3dce05",
                                              trackID: "6aa9325f-46b7-473a-8187-49b3f0ad64e2")])
        #expect(video.ssrcGroups == [SSRCGroup(semantics: "FID", ssrcs: [130426261, 2262870896])])
        #expect(video.ssrcs == [130426261, 2262870896])
        #expect(video.candidates.count == 8)
        #expect(video.candidates.first == "1701760906 1 udp 2122194687 127.0.0.1 52148 typ host generation 0 network-id 3 network-cost 50")
    }

    @Test("Chromium answer: active, recvonly, candidates only in the BUNDLE-tagged section")
    func chromeAnswer() throws {
        let sdp = try SDPFixtures.parsed("chrome-answer.sdp")
        #expect(sdp.msidSemantic == "WMS")
        #expect(sdp.media.allSatisfy { $0.setup == .active && $0.direction == .recvonly })
        #expect(sdp.media[0].candidates.count == 4)
        #expect(sdp.media[1].candidates.isEmpty && sdp.media[1].port == 9)
        #expect(sdp.media[0].candidates.contains { $0.contains(" ::1 ") })
    }

    @Test("aiortc offer: several fingerprints, end-of-candidates, Opus at 96")
    func aiortcOffer() throws {
        let sdp = try SDPFixtures.parsed("aiortc-offer.sdp")
        let audio = try #require(sdp.media.first { $0.kind == "audio" })
        #expect(audio.rtpMap(for: 96) == RTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(audio.fingerprints.map(\.algorithm) == ["sha-256", "sha-384", "sha-512"])
        #expect(audio.fingerprints.map(\.bytes.count) == [32, 48, 64])
        #expect(audio.endOfCandidates)
        #expect(audio.candidates.count == 1)
        #expect(sdp.msidSemantic == "WMS *")
    }

    @Test("Pion style: trailing spaces, duplicates, wildcard feedback, LF line ends")
    func pionStyle() throws {
        let sdp = try SDPFixtures.parsed("pion-offer.sdp")
        #expect(sdp.origin.address == "0.0.0.0")
        #expect(sdp.fingerprints.count == 1)
        let video = try #require(sdp.media.first)
        #expect(sdp.fingerprints(for: video).count == 1)
        #expect(video.formats == ["98", "99", "96", "97", "102", "103"])
        #expect(video.rtcpFeedback(for: 96) == [.remb, .fir, .nack, .pli, .transportCC])
        #expect(video.rtcpFeedback(for: 102) == [.transportCC])
        #expect(video.extMaps.count == 3)
        #expect(video.candidates.count == 2)
        #expect(video.endOfCandidates)
        // Duplicates are kept in the stored lines, so the round trip is lossless.
        #expect(video.attributes.filter { $0.name == "end-of-candidates" }.count == 2)
        // Media-level credentials win over (absent) session-level ones.
        #expect(sdp.iceUfrag(for: video) == "PQhXfKaBjUVwzTyL")
    }

    @Test("media-level attributes override session-level ones")
    func overrides() throws {
        let text = "v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\na=ice-ufrag:sess\na=ice-pwd:sesspwd\na=setup:actpass\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\na=ice-ufrag:media\na=setup:passive\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\n"
        let sdp = try SessionDescription(parsing: text)
        #expect(sdp.iceUfrag(for: sdp.media[0]) == "media")
        #expect(sdp.icePwd(for: sdp.media[0]) == "sesspwd")
        #expect(sdp.setup(for: sdp.media[0]) == .passive)
        #expect(sdp.iceUfrag(for: sdp.media[1]) == "sess")
        #expect(sdp.setup(for: sdp.media[1]) == .actpass)
        #expect(sdp.media[1].direction == nil)
    }

    @Test("unknown lines and attributes are kept in place")
    func unknownLines() throws {
        let text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=name\r\ni=info\r\nu=http://x\r\nc=IN IP4 0.0.0.0\r\nb=AS:300\r\n"
            + "t=0 0\r\nz=0 0\r\nx=unknown\r\na=weird:thing\r\nm=video 9/2 RTP/AVP 96\r\ni=media info\r\n"
            + "c=IN IP6 ::1\r\nb=TIAS:64000\r\nc=IN IP4 224.2.1.1/127\r\nk=prompt\r\na=flag\r\n"
        let sdp = try SessionDescription(parsing: text)
        #expect(sdp.sdpText == text)
        #expect(sdp.bandwidths == [SDPBandwidth(type: "AS", value: 300)])
        #expect(sdp.media[0].portCount == 2)
        #expect(sdp.media[0].bandwidths == [SDPBandwidth(type: "TIAS", value: 64000)])
        #expect(sdp.media[0].connection?.addressType == "IP6")
        #expect(sdp.otherFields.map(\.key) == ["i", "u", "z", "x"])
        #expect(sdp.media[0].otherFields.map(\.key) == ["i", "c", "k"])
    }

    @Test("fields out of RFC 8866 order are stored in serialization order (found by fuzzing)")
    func outOfOrderFields() throws {
        let text = "v=0\no=- 1 1 IN IP4 0.0.0.0\nz=0 0\ni=late info\nm=video 9 RTP/AVP 96\nc=IN IP4 0.0.0.0\n"
            + "c=IN IP4 0.0.0.1\ni=late media info\n"
        let sdp = try SessionDescription(parsing: text)
        #expect(sdp.otherFields.map(\.key) == ["i", "z"])
        #expect(sdp.media[0].otherFields.map(\.key) == ["i", "c"])
        #expect(try SessionDescription(parsing: sdp.sdpText) == sdp)
    }

    @Test("attribute values format back to what they parse from")
    func valueRoundTrips() throws {
        let fingerprint = try #require(SDPFingerprint(attributeValue: "SHA-256 " + Array(repeating: "0a", count: 32).joined(separator: ":")))
        #expect(fingerprint.attributeValue == "sha-256 " + Array(repeating: "0A", count: 32).joined(separator: ":"))
        #expect(SDPFingerprint(attributeValue: "sha-256 0A:0B") == nil)
        #expect(SDPFingerprint(attributeValue: "sha-256 +A:0B") == nil)
        #expect(ExtMap(attributeValue: "3/recvonly urn:x attr1 attr2")
            == ExtMap(id: 3, direction: .recvonly, uri: "urn:x", extensionAttributes: "attr1 attr2"))
        #expect(ExtMap(attributeValue: "15 urn:x") == nil)
        #expect(ExtMap(attributeValue: "3/sideways urn:x") == nil)
        #expect(RTPMap(attributeValue: "111 opus/48000/2")?.attributeValue == "111 opus/48000/2")
        #expect(RTPMap(attributeValue: "200 VP8/90000") == nil)
        #expect(RTPMap(attributeValue: "96 VP8") == nil)
        #expect(SSRCAttribute(attributeValue: "42 cname:a:b") == SSRCAttribute(ssrc: 42, attribute: "cname", value: "a:b"))
        #expect(SSRCGroup(attributeValue: "FID 1 x") == nil)
        #expect(MediaStreamID(attributeValue: "s t")?.attributeValue == "s t")
    }
}
