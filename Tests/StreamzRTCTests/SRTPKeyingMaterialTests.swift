import Testing
@testable import StreamzRTC

@Suite("DTLS-SRTP keying material (RFC 5764 §4.2)")
struct SRTPKeyingMaterialTests {
    @Test("splits client key | server key | client salt | server salt, then by role", arguments: SRTPProfile.allCases)
    func split(profile: SRTPProfile) throws {
        let keyLength = profile.masterKeyLength
        let saltLength = profile.masterSaltLength
        let clientKey = [UInt8](repeating: 0xC1, count: keyLength)
        let serverKey = [UInt8](repeating: 0x51, count: keyLength)
        let clientSalt = [UInt8](repeating: 0xC5, count: saltLength)
        let serverSalt = [UInt8](repeating: 0x55, count: saltLength)
        let exported = clientKey + serverKey + clientSalt + serverSalt
        #expect(exported.count == SRTPKeyingMaterial.exportLength(for: profile))

        let client = try SRTPKeyingMaterial(splitting: exported, profile: profile, isClient: true)
        #expect(client.local == SRTPMasterKey(key: clientKey, salt: clientSalt))
        #expect(client.remote == SRTPMasterKey(key: serverKey, salt: serverSalt))
        let server = try SRTPKeyingMaterial(splitting: exported, profile: profile, isClient: false)
        #expect(server.local == client.remote && server.remote == client.local)
    }

    @Test("profile sizes: 16+14 for AES-CM, 16+12 for AEAD")
    func sizes() {
        #expect(SRTPKeyingMaterial.exportLength(for: .aes128CMSHA1_80) == 60)
        #expect(SRTPKeyingMaterial.exportLength(for: .aeadAES128GCM) == 56)
        #expect(SRTPProfile(protectionProfileID: 0x0001) == .aes128CMSHA1_80)
        #expect(SRTPProfile(protectionProfileID: 0x0007) == .aeadAES128GCM)
        #expect(SRTPProfile(protectionProfileID: 0x0002) == nil)
    }

    @Test("the wrong amount of material is refused")
    func wrongLength() {
        #expect(throws: SRTPKeyingError.wrongExportLength(expected: 60, actual: 56)) {
            try SRTPKeyingMaterial(splitting: Array(repeating: 0, count: 56), profile: .aes128CMSHA1_80, isClient: true)
        }
    }
}
