import COpenSSL
import Testing
@testable import StreamzRTC

/// RFC 3711 Appendix B.3: the session keys derived from a known master key.
/// libsrtp keeps derived keys private, so the check goes through the output:
/// a packet protected by libsrtp under the B.3 master key must equal the one
/// computed here, independently, with OpenSSL's AES-CTR and HMAC-SHA1 under
/// the B.3 session keys (RFC 3711 §4.1.1 counter, §4.2 tag).
@Suite("SRTP key derivation (RFC 3711 B.3)")
struct SRTPKeyDerivationTests {
    typealias Support = SRTPTestSupport

    static let masterKey = Support.bytes("E1F97A0D3E018BE0D64FA32C06DE4139")
    static let masterSalt = Support.bytes("0EC675AD498AFEEBB6960B3AABE6")
    static let sessionKey = Support.bytes("C61E7A93744F39EE10734AFE3FF7A087")
    static let sessionSalt = Support.bytes("30CBBC08863D8C85D49DB34A9AE1")
    static let sessionAuthKey = Support.bytes("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4")

    @Test("libsrtp's protect output matches an independent computation from the B.3 session keys")
    func derivedKeys() throws {
        let sender = try SRTPSender(profile: .aes128CMSHA1_80, masterKey: SRTPMasterKey(key: Self.masterKey, salt: Self.masterSalt))
        let ssrc: UInt32 = 0xCAFE_BABE
        for sequence: UInt16 in [0x1234, 0x1235] {
            let packet = Support.rtpPacket(sequence: sequence, ssrc: ssrc, payload: Array(repeating: 0xAB, count: 32))
            let expected = try Self.protect(packet, sequence: sequence, ssrc: ssrc)
            #expect(try sender.protectRTP(packet) == expected)
        }
    }

    /// RFC 3711 §3.3 for rollover counter 0, by hand.
    static func protect(_ packet: [UInt8], sequence: UInt16, ssrc: UInt32) throws -> [UInt8] {
        // §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), i = ROC || SEQ.
        var iv = sessionSalt + [0, 0]
        for index in 0..<4 { iv[4 + index] ^= UInt8(truncatingIfNeeded: ssrc >> (24 - 8 * UInt32(index))) }
        let packetIndex = UInt64(sequence)
        for index in 0..<6 { iv[8 + index] ^= UInt8(truncatingIfNeeded: packetIndex >> (40 - 8 * UInt64(index))) }

        let payload = Array(packet[12...])
        var ciphertext = [UInt8](repeating: 0, count: payload.count)
        let context = try #require(EVP_CIPHER_CTX_new())
        defer { EVP_CIPHER_CTX_free(context) }
        var written: Int32 = 0
        #expect(EVP_EncryptInit_ex(context, EVP_aes_128_ctr(), nil, sessionKey, iv) == 1)
        #expect(EVP_EncryptUpdate(context, &ciphertext, &written, payload, Int32(payload.count)) == 1)
        #expect(Int(written) == payload.count)

        // §4.2: HMAC-SHA1 over the authenticated portion and the ROC, truncated to 80 bits.
        let authenticated = Array(packet[..<12]) + ciphertext + [0, 0, 0, 0]
        var tag = [UInt8](repeating: 0, count: 20)
        var tagLength: UInt32 = 0
        #expect(HMAC(EVP_sha1(), sessionAuthKey, Int32(sessionAuthKey.count), authenticated, authenticated.count, &tag, &tagLength) != nil)
        return Array(packet[..<12]) + ciphertext + Array(tag.prefix(10))
    }
}
