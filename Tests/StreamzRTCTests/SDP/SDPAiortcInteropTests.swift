import Testing
@testable import StreamzRTC

/// Feeds our descriptions to aiortc 1.16 and reads its responses back.
@Suite("SDP interop with aiortc", .enabled(if: InteropPython.required || InteropPython.has("aiortc"), "needs a venv with aiortc"))
struct SDPAiortcInteropTests {
    /// aiortc answers an offer read from stdin; host candidates on 127.0.0.1 only.
    static let answerScript = """
    import asyncio, sys
    import aioice.ice
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]
    from aiortc import RTCPeerConnection, RTCSessionDescription
    async def main():
        pc = RTCPeerConnection()
        await pc.setRemoteDescription(RTCSessionDescription(sys.stdin.read(), "offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        sys.stdout.write(pc.localDescription.sdp)
        await pc.close()
    asyncio.run(main())
    """

    /// aiortc offers video+audio (sendonly), prints the offer, then applies the answer from stdin.
    static let offerScript = """
    import asyncio, sys
    import aioice.ice
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]
    from aiortc import RTCPeerConnection, RTCSessionDescription
    from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack
    async def main():
        pc = RTCPeerConnection()
        pc.addTransceiver(VideoStreamTrack(), direction="sendonly")
        pc.addTransceiver(AudioStreamTrack(), direction="sendonly")
        await pc.setLocalDescription(await pc.createOffer())
        sys.stdout.write(pc.localDescription.sdp)
        sys.stdout.write("--END--\\n")
        sys.stdout.flush()
        answer = sys.stdin.read()
        await pc.setRemoteDescription(RTCSessionDescription(answer, "answer"))
        kinds = [t.kind + ":" + t.currentDirection for t in pc.getTransceivers()]
        sys.stdout.write("APPLIED " + " ".join(kinds) + "\\n")
        await pc.close()
    asyncio.run(main())
    """

    @Test("aiortc accepts our device offer and its answer negotiates VP8 96 and Opus 111")
    func aiortcAnswersOurOffer() async throws {
        let local = SDPFixtures.localTransport()
        let device = DeviceOffer(SDPDeviceOfferTests.options, local: local)
        let answerText = try await InteropPython.run(script: Self.answerScript, input: device.description.sdpText)
        let answer = try SessionDescription(parsing: answerText)
        let negotiated = try device.negotiate(answer: answer)
        let video = try #require(negotiated.video)
        let audio = try #require(negotiated.audio)
        #expect(video.payloadType == 96 && video.rtxPayloadType == 97)
        #expect(video.feedback.isSubset(of: [.nack, .pli, .fir, .remb]) && video.feedback.contains(.pli))
        #expect(video.extensionIDs[ExtMap.midURI] == 1)
        #expect(audio.payloadType == 111)
        #expect(audio.extensionIDs[ExtMap.audioLevelURI] == 4)
        #expect(answer.media.allSatisfy { $0.direction == .recvonly })
        #expect(negotiated.transport.dtlsRole == .server)
        #expect(negotiated.transport.remoteCandidates.contains { $0.contains("127.0.0.1") })
        #expect(negotiated.transport.remoteEndOfCandidates)
    }

    @Test("aiortc accepts our viewer answer to its live offer")
    func aiortcAcceptsOurAnswer() async throws {
        // The offer is produced and the answer applied by one aiortc process,
        // so this runs the exchange in two phases over its stdin/stdout.
        let session = try InteropPython.Session(script: Self.offerScript)
        let offerText = try await session.readUntil(marker: "--END--")
        let offer = try SessionDescription(parsing: offerText)
        let answer = try ViewerAnswer(offer: offer, wanting: [.video, .audio],
                                      local: SDPFixtures.localTransport(), sessionID: 11)
        #expect(answer.negotiated.video?.codec.encodingName == "VP8")
        #expect(answer.negotiated.audio?.codec.encodingName == "opus")
        let result = try await session.finish(input: answer.description.sdpText)
        #expect(result.contains("APPLIED video:sendonly audio:sendonly"))
    }
}
