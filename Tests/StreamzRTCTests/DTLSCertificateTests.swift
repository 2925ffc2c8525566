import COpenSSL
import Testing
@testable import StreamzRTC

@Suite("DTLS certificate")
struct DTLSCertificateTests {
    static let issued: Int64 = 1_790_000_000

    @Test("fingerprint is the SHA-256 of the certificate in SDP form")
    func fingerprint() throws {
        let certificate = try DTLSCertificate(unixTime: Self.issued)
        let hex = certificate.fingerprint.hexValue
        #expect(certificate.fingerprint.algorithm == .sha256)
        #expect(hex.count == 32 * 3 - 1)
        #expect(hex.allSatisfy { "0123456789ABCDEF:".contains($0) })
        #expect(try DTLSFingerprint(attributeValue: certificate.fingerprint.attributeValue) == certificate.fingerprint)

        // Recomputed from the DER encoding.
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate.certificate, &der)
        let bytes = try #require(der)
        defer { CRYPTO_free(bytes, #file, #line) }
        var digest = [UInt8](repeating: 0, count: 32)
        #expect(SHA256(bytes, Int(length), &digest) != nil)
        #expect(digest == certificate.fingerprint.digest)
    }

    @Test("each certificate is fresh: new key, new serial, new fingerprint")
    func fresh() throws {
        let first = try DTLSCertificate(unixTime: Self.issued)
        let second = try DTLSCertificate(unixTime: Self.issued)
        #expect(first.fingerprint != second.fingerprint)
        let firstSerial = ASN1_INTEGER_get(X509_get_serialNumber(first.certificate))
        let secondSerial = ASN1_INTEGER_get(X509_get_serialNumber(second.certificate))
        #expect(firstSerial != secondSerial)
        #expect(firstSerial > 0 && secondSerial > 0)
    }

    @Test("self-signed ECDSA P-256, CN streamz, valid for about 30 days")
    func contents() throws {
        let certificate = try DTLSCertificate(unixTime: Self.issued)
        let x509 = certificate.certificate
        #expect(X509_verify(x509, certificate.privateKey) == 1)
        #expect(X509_NAME_cmp(X509_get_subject_name(x509), X509_get_issuer_name(x509)) == 0)
        #expect(EVP_PKEY_get_base_id(certificate.privateKey) == EVP_PKEY_EC)
        #expect(EVP_PKEY_get_bits(certificate.privateKey) == 256)

        var name = [CChar](repeating: 0, count: 64)
        #expect(X509_NAME_get_text_by_NID(X509_get_subject_name(x509), NID_commonName, &name, 64) == 7)
        #expect(String(decoding: name.prefix(7).map { UInt8(bitPattern: $0) }, as: UTF8.self) == "streamz")
        #expect(name[7] == 0)

        var days: Int32 = 0
        var seconds: Int32 = 0
        #expect(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(x509), X509_get0_notAfter(x509)) == 1)
        #expect(days == 31 && seconds == 0)
    }
}
