import CNcursesw
import COpenSSL
import COpus
import CSQLite
import CSRTP
import CStreamzShims
import CVPX
import Foundation
import JWTKit
import Testing

/// Each C library the product links answers a real call, in one process.
@Suite("System libraries link and answer")
struct SystemLibrariesTests {
    @Test("libvpx: a VP8 encoder and decoder are created and freed")
    func vp8EncoderAndDecoder() throws {
        var cfg = vpx_codec_enc_cfg_t()
        #expect(vpx_codec_enc_config_default(vpx_codec_vp8_cx(), &cfg, 0) == VPX_CODEC_OK)
        cfg.g_w = 320
        cfg.g_h = 240
        var encoder = vpx_codec_ctx_t()
        let encInit = vpx_codec_enc_init_ver(&encoder, vpx_codec_vp8_cx(), &cfg, 0, streamz_vpx_encoder_abi_version())
        #expect(encInit == VPX_CODEC_OK)
        #expect(vpx_codec_destroy(&encoder) == VPX_CODEC_OK)

        var decoder = vpx_codec_ctx_t()
        let decInit = vpx_codec_dec_init_ver(&decoder, vpx_codec_vp8_dx(), nil, 0, streamz_vpx_decoder_abi_version())
        #expect(decInit == VPX_CODEC_OK)
        #expect(vpx_codec_destroy(&decoder) == VPX_CODEC_OK)
        #expect(String(cString: vpx_codec_version_str()).isEmpty == false)
    }

    @Test("libopus: a 48 kHz stereo decoder is created and freed")
    func opusDecoder() {
        var error: Int32 = 0
        let decoder = opus_decoder_create(48_000, 2, &error)
        #expect(error == OPUS_OK)
        #expect(decoder != nil)
        opus_decoder_destroy(decoder)
        #expect(String(cString: opus_get_version_string()).contains("libopus"))
    }

    @Test("libsrtp2: both of our profiles make sessions")
    func srtpInit() {
        // srtp_init is process-wide and refuses a second call; StreamzRTC's
        // once-initializer may already have made it in this test process, so
        // the sessions created below are what prove the library answers.
        _ = srtp_init()
        #expect(String(cString: srtp_get_version_string()).hasPrefix("libsrtp2"))
        for gcm in [false, true] {
            var policy = srtp_policy_t()
            if gcm {
                srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
                srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
            } else {
                // AES128_CM_SHA1_80 is libsrtp's default policy (a macro alias).
                srtp_crypto_policy_set_rtp_default(&policy.rtp)
                srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
            }
            var key = [UInt8](repeating: 7, count: 30)
            policy.ssrc.type = ssrc_any_inbound
            policy.window_size = 1024
            var session: srtp_t?
            let status = key.withUnsafeMutableBufferPointer { buffer -> srtp_err_status_t in
                policy.key = buffer.baseAddress
                return srtp_create(&session, &policy)
            }
            #expect(status == srtp_err_status_ok, "gcm=\(gcm)")
            #expect(srtp_dealloc(session) == srtp_err_status_ok)
        }
    }

    @Test("OpenSSL: a DTLS SSL_CTX takes use_srtp with both profiles")
    func dtlsContextWithSRTP() throws {
        let ctx = try #require(SSL_CTX_new(DTLS_method()))
        defer { SSL_CTX_free(ctx) }
        #expect(streamz_ssl_ctx_set_proto_versions(ctx, DTLS1_2_VERSION, DTLS1_2_VERSION) == 1)
        // SSL_CTX_set_tlsext_use_srtp returns 0 on success.
        #expect(SSL_CTX_set_tlsext_use_srtp(ctx, "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80") == 0)
        let ssl = try #require(SSL_new(ctx))
        SSL_free(ssl)
        #expect(OpenSSL_version_num() >= 0x3000_0000)
    }

    @Test("ncursesw: a curses screen opens on a pseudo-terminal")
    func cursesOnPseudoTerminal() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        #expect(streamz_open_pty(&master, &slave, 24, 80) == 0)
        defer { close(master) }
        let output = try #require(fdopen(slave, "w+"))
        defer { fclose(output) }
        let screen = try #require(newterm("xterm-256color", output, output))
        defer { delscreen(screen) }
        set_term(screen)
        var rows: Int32 = 0
        var cols: Int32 = 0
        streamz_screen_size(&rows, &cols)
        #expect(rows == 24 && cols == 80)
        #expect(streamz_color_pair(1) != 0)
        endwin()
    }

    @Test("SQLite: the system library answers its version")
    func sqliteVersion() {
        let version = String(cString: sqlite3_libversion())
        #expect(version.hasPrefix("3."))
        #expect(sqlite3_libversion_number() >= 3_035_000)
    }

    /// JWTKit brings swift-crypto's prefixed BoringSSL; the same HMAC computed by
    /// both libraries in one binary shows that neither shadows the other's symbols.
    @Test("OpenSSL and JWTKit's BoringSSL coexist in one binary")
    func openSSLAndBoringSSLCoexist() async throws {
        struct Claims: JWTPayload {
            var sub: SubjectClaim
            func verify(using algorithm: some JWTAlgorithm) throws {}
        }
        let secret = "coexistence-secret-of-thirty-two-bytes!"
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let token = try await keys.sign(Claims(sub: "u1"))
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let secretBytes = Array(secret.utf8)
        _ = HMAC(EVP_sha256(), secretBytes, Int32(secretBytes.count), signingInput, signingInput.count, &digest, &length)
        let openSSLSignature = Data(digest.prefix(Int(length))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        #expect(String(parts[2]) == openSSLSignature)
        let verified = try await keys.verify(token, as: Claims.self)
        #expect(verified.sub.value == "u1")
    }
}
