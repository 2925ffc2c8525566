import COpenSSL
import CStreamzShims

/// An `SSL_CTX` configured for WebRTC's DTLS-SRTP.
///
/// Not Sendable: it is created for, and used by, one transport.
final class DTLSContext {
    /// `SSL_CTX *`, owned; freed exactly once in `deinit` (each `SSL` made from
    /// it holds its own reference, so the order of release does not matter).
    let context: OpaquePointer

    /// ECDHE-ECDSA only, matching our ECDSA certificate; AES-128-GCM first,
    /// which Chromium settles on (INTEROP-NOTES.md).
    static let cipherList = [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-ECDSA-AES128-SHA",
        "ECDHE-ECDSA-AES256-SHA",
    ].joined(separator: ":")

    /// Key exchange groups Chromium and aiortc offer.
    static let groups = "X25519:P-256:P-384"

    init(certificate: DTLSCertificate, srtpProfiles: [SRTPProfile]) throws(OpenSSLError) {
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(DTLS_method()) else {
            throw OpenSSLError.fromQueue("create the DTLS context")
        }
        do {
            try Self.configure(context, certificate: certificate, srtpProfiles: srtpProfiles)
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        self.context = context
    }

    deinit {
        SSL_CTX_free(context)
    }

    private static func configure(_ context: OpaquePointer, certificate: DTLSCertificate, srtpProfiles: [SRTPProfile]) throws(OpenSSLError) {
        // DTLS 1.2 only (RFC 6347). Chromium offers 1.3 and settles on 1.2.
        guard streamz_ssl_ctx_set_proto_versions(context, DTLS1_2_VERSION, DTLS1_2_VERSION) == 1 else {
            throw OpenSSLError.fromQueue("limit the context to DTLS 1.2")
        }
        guard SSL_CTX_set_cipher_list(context, cipherList) == 1 else {
            throw OpenSSLError.fromQueue("set the ECDHE-ECDSA cipher suites")
        }
        guard streamz_ssl_ctx_set_groups(context, groups) == 1 else {
            throw OpenSSLError.fromQueue("set the key exchange groups")
        }
        guard SSL_CTX_use_certificate(context, certificate.certificate) == 1,
              SSL_CTX_use_PrivateKey(context, certificate.privateKey) == 1,
              SSL_CTX_check_private_key(context) == 1
        else {
            throw OpenSSLError.fromQueue("install the certificate and key")
        }
        // RFC 5764 §4.1.1: offer the use_srtp extension. This call returns 0 on success.
        let profileList = srtpProfiles.map(\.description).joined(separator: ":")
        guard !srtpProfiles.isEmpty, SSL_CTX_set_tlsext_use_srtp(context, profileList) == 0 else {
            throw OpenSSLError.fromQueue("offer the SRTP protection profiles")
        }
        // Both ends must present a certificate (RFC 5763 §5): the server asks for
        // the client's and refuses a handshake without one.
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verifyPeerCertificate)
        // DTLS reads whole records from each datagram.
        streamz_ssl_ctx_set_read_ahead(context)
        // The SRTP keys are exported once, after the first handshake; a
        // renegotiation would change the session under them for nothing.
        streamz_ssl_ctx_disable_renegotiation(context)
    }
}

/// Per-connection state the C callbacks reach through the `SSL`'s ex_data.
///
/// Not Sendable: OpenSSL calls back on the thread that is inside an SSL
/// call, which is always the owning transport's.
final class DTLSConnectionState {
    /// What the peer's certificate fingerprint must be (from its SDP).
    let expectedFingerprint: DTLSFingerprint
    /// First retransmission timeout in microseconds; doubled per retry.
    let initialTimeoutMicroseconds: UInt32
    /// Set by the verify callback: the peer's end-entity certificate matched.
    var fingerprintMatched = false
    /// Set by the verify callback: the peer presented another certificate.
    var fingerprintMismatched = false

    init(expectedFingerprint: DTLSFingerprint, initialTimeoutMicroseconds: UInt32) {
        self.expectedFingerprint = expectedFingerprint
        self.initialTimeoutMicroseconds = initialTimeoutMicroseconds
    }

    /// The ex_data slot for this object, allocated once per process.
    static let exDataIndex: Int32 = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL, 0, nil, nil, nil, nil)

    /// The state attached to `ssl`, if any.
    static func attached(to ssl: OpaquePointer?) -> DTLSConnectionState? {
        guard let ssl, let raw = SSL_get_ex_data(ssl, exDataIndex) else { return nil }
        return Unmanaged<DTLSConnectionState>.fromOpaque(raw).takeUnretainedValue()
    }

    /// RFC 6347 §4.2.4.1: retransmission timers back off by doubling, up to 60 s.
    static let maximumTimeoutMicroseconds: UInt32 = 60_000_000
}

/// The certificate check: WebRTC certificates are self-signed, so OpenSSL's
/// chain verdict (`preverified`) is ignored and the end-entity certificate is
/// pinned to the SDP fingerprint instead (RFC 8122 §5, RFC 5763 §5). Failing
/// here makes OpenSSL abort with a bad_certificate alert, so the peer fails too.
private let verifyPeerCertificate: @convention(c) (Int32, OpaquePointer?) -> Int32 = { _, store in
    guard let store,
          let rawSSL = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()),
          let state = DTLSConnectionState.attached(to: OpaquePointer(rawSSL))
    else { return 0 }
    // Certificates above the end entity (depth > 0) carry no identity here;
    // only the pinned leaf decides.
    guard X509_STORE_CTX_get_error_depth(store) == 0 else { return 1 }
    guard let certificate = X509_STORE_CTX_get_current_cert(store),
          let actual = DTLSFingerprint.of(certificate: certificate, algorithm: state.expectedFingerprint.algorithm)
    else {
        state.fingerprintMismatched = true
        return 0
    }
    guard actual == state.expectedFingerprint else {
        state.fingerprintMismatched = true
        return 0
    }
    state.fingerprintMatched = true
    X509_STORE_CTX_set_error(store, X509_V_OK)
    return 1
}

/// DTLS_set_timer_cb: the first retransmission timeout comes from the
/// transport's configuration, later ones double up to 60 s (RFC 6347 §4.2.4.1).
let dtlsRetransmissionTimer: @convention(c) (OpaquePointer?, UInt32) -> UInt32 = { ssl, previous in
    let initial = DTLSConnectionState.attached(to: ssl)?.initialTimeoutMicroseconds ?? 1_000_000
    guard previous > 0 else { return initial }
    let doubled = previous.multipliedReportingOverflow(by: 2)
    return doubled.overflow ? DTLSConnectionState.maximumTimeoutMicroseconds
        : min(doubled.partialValue, DTLSConnectionState.maximumTimeoutMicroseconds)
}
