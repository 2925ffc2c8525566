import COpenSSL

/// The local DTLS identity: a fresh ECDSA P-256 key and a self-signed X.509
/// certificate over it.
///
/// WebRTC certificates are self-signed and authenticated only through the
/// fingerprint in the signalled SDP (RFC 8827 §6.5, RFC 8122 §5); ECDSA P-256
/// is what Chromium and aiortc generate and what ECDHE-ECDSA suites need.
///
/// `@unchecked Sendable`: both OpenSSL objects are created and signed in
/// `init` and never modified afterwards (the pointers are `let`); OpenSSL 3
/// allows sharing such objects read-only between threads, and `SSL_CTX`
/// takes its own atomically counted reference when it uses them. One
/// certificate can therefore back every peer of a process, as browsers do.
public final class DTLSCertificate: @unchecked Sendable {
    /// `EVP_PKEY *`, owned; freed in `deinit`.
    let privateKey: OpaquePointer
    /// `X509 *`, owned; freed in `deinit`.
    let certificate: OpaquePointer
    /// SHA-256 of the DER certificate, for `a=fingerprint`.
    public let fingerprint: DTLSFingerprint

    /// The common name written into subject and issuer.
    public static let commonName = "streamz"

    /// Generates a key and a certificate valid from a day before
    /// `unixTime` (tolerating a peer's clock skew) for `validity`.
    ///
    /// The wall-clock time is a parameter because StreamzRTC reads no clock.
    /// Peers check only the fingerprint, never the validity period, but a
    /// plausible period keeps strict X.509 parsers happy.
    public init(unixTime: Int64, validity: Duration = .seconds(30 * 24 * 3600)) throws(OpenSSLError) {
        OpenSSLErrorQueue.clear()
        let key = try Self.generateP256Key()
        guard let x509 = X509_new() else {
            EVP_PKEY_free(key)
            throw OpenSSLError.fromQueue("allocate the certificate")
        }
        do {
            try Self.fill(x509, key: key, notBefore: unixTime - 24 * 3600,
                          notAfter: unixTime + validity.components.seconds)
        } catch {
            X509_free(x509)
            EVP_PKEY_free(key)
            throw error
        }
        guard let fingerprint = DTLSFingerprint.of(certificate: x509, algorithm: .sha256) else {
            X509_free(x509)
            EVP_PKEY_free(key)
            throw OpenSSLError.fromQueue("compute the certificate fingerprint")
        }
        self.privateKey = key
        self.certificate = x509
        self.fingerprint = fingerprint
    }

    deinit {
        X509_free(certificate)
        EVP_PKEY_free(privateKey)
    }

    private static func generateP256Key() throws(OpenSSLError) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nil) else {
            throw OpenSSLError.fromQueue("create the key generation context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_CTX_set_ec_paramgen_curve_nid(context, NID_X9_62_prime256v1) == 1,
              EVP_PKEY_keygen(context, &key) == 1,
              let key
        else {
            throw OpenSSLError.fromQueue("generate the ECDSA P-256 key")
        }
        return key
    }

    private static func fill(_ x509: OpaquePointer, key: OpaquePointer, notBefore: Int64, notAfter: Int64) throws(OpenSSLError) {
        // X.509 v3 (the field holds version - 1).
        guard X509_set_version(x509, 2) == 1 else { throw OpenSSLError.fromQueue("set the certificate version") }

        // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; random so two
        // certificates from one key generator never share one.
        var serial: UInt64 = 0
        let drawn = withUnsafeMutableBytes(of: &serial) { RAND_bytes($0.baseAddress?.assumingMemoryBound(to: UInt8.self), 8) }
        guard drawn == 1, ASN1_INTEGER_set_uint64(X509_get_serialNumber(x509), (serial >> 1) | 1) == 1 else {
            throw OpenSSLError.fromQueue("set a random serial number")
        }

        guard ASN1_TIME_set(X509_getm_notBefore(x509), time_t(notBefore)) != nil,
              ASN1_TIME_set(X509_getm_notAfter(x509), time_t(notAfter)) != nil
        else { throw OpenSSLError.fromQueue("set the validity period") }

        guard let name = X509_get_subject_name(x509) else { throw OpenSSLError.fromQueue("read the subject name") }
        let commonName = Array(Self.commonName.utf8)
        guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, Int32(commonName.count), -1, 0) == 1,
              X509_set_issuer_name(x509, name) == 1
        else { throw OpenSSLError.fromQueue("set the subject and issuer") }

        guard X509_set_pubkey(x509, key) == 1 else { throw OpenSSLError.fromQueue("set the public key") }
        guard X509_sign(x509, key, EVP_sha256()) > 0 else { throw OpenSSLError.fromQueue("self-sign the certificate") }
    }
}
