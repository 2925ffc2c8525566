import Testing
@testable import StreamzRTC

/// The whole DTLS-SRTP path: handshake, key export, SRTP both ways.
@Suite("DTLS-SRTP end to end")
struct DTLSSRTPTests {
    @Test("keys from the handshake protect on one side and unprotect on the other", arguments: SRTPProfile.allCases)
    func media(profile: SRTPProfile) throws {
        let pair = try DTLSTestPair(clientProfiles: [profile], serverProfiles: SRTPProfile.allCases)
        pair.start()
        pair.run(until: { pair.bothConnected })
        let clientKeys = try #require(pair.client.keyingMaterial)
        let serverKeys = try #require(pair.server.keyingMaterial)
        #expect(clientKeys.profile == profile && serverKeys.profile == profile)

        let clientSender = try SRTPSender(keyingMaterial: clientKeys)
        let clientReceiver = try SRTPReceiver(keyingMaterial: clientKeys)
        let serverSender = try SRTPSender(keyingMaterial: serverKeys)
        let serverReceiver = try SRTPReceiver(keyingMaterial: serverKeys)

        // Across the sequence number wrap, so the rollover counter advances (RFC 3711 §3.3.1).
        for step in UInt16(0)..<32 {
            let sequence = 0xFFF0 &+ step
            let packet = SRTPTestSupport.rtpPacket(sequence: sequence, ssrc: 0xAAAA_0001)
            #expect(try serverReceiver.unprotectRTP(clientSender.protectRTP(packet)) == packet)
            let reply = SRTPTestSupport.rtpPacket(sequence: sequence, ssrc: 0xBBBB_0002)
            #expect(try clientReceiver.unprotectRTP(serverSender.protectRTP(reply)) == reply)
        }
        let report = SRTPTestSupport.rtcpReceiverReport(ssrc: 0xAAAA_0001)
        #expect(try serverReceiver.unprotectRTCP(clientSender.protectRTCP(report)) == report)
        #expect(try clientReceiver.unprotectRTCP(serverSender.protectRTCP(report)) == report)

        // A side cannot read its own outbound traffic: the directions use different keys.
        let own = try clientSender.protectRTP(SRTPTestSupport.rtpPacket(sequence: 1))
        #expect(throws: SRTPError.authenticationFailed) { try clientReceiver.unprotectRTP(own) }
    }
}
