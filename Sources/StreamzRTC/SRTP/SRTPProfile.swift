import CSRTP

/// The DTLS-SRTP protection profiles StreamzRTC negotiates (RFC 5764 §4.1.2,
/// RFC 7714 §14.2); `allCases` is the offer, most preferred first.
public enum SRTPProfile: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// SRTP_AEAD_AES_128_GCM (0x0007): AES-GCM with a 16-byte tag, RFC 7714.
    case aeadAES128GCM
    /// SRTP_AES128_CM_HMAC_SHA1_80 (0x0001): AES counter mode with an
    /// 80-bit HMAC-SHA1 tag, RFC 3711 / RFC 5764.
    case aes128CMSHA1_80

    /// The profile for an identifier from the use_srtp extension.
    init?(protectionProfileID id: UInt) {
        switch id {
        case 0x0007: self = .aeadAES128GCM
        case 0x0001: self = .aes128CMSHA1_80
        default: return nil
        }
    }

    /// The profile's identifier in the use_srtp extension.
    public var protectionProfileID: UInt16 {
        switch self {
        case .aeadAES128GCM: 0x0007
        case .aes128CMSHA1_80: 0x0001
        }
    }

    /// Master key length in bytes.
    public var masterKeyLength: Int { 16 }

    /// Master salt length in bytes: 14 for AES-CM (RFC 3711 §8.2),
    /// 12 for AEAD (RFC 7714 §12).
    public var masterSaltLength: Int {
        switch self {
        case .aeadAES128GCM: 12
        case .aes128CMSHA1_80: 14
        }
    }

    /// Bytes the authentication tag adds to each SRTP packet.
    public var authenticationTagLength: Int {
        switch self {
        case .aeadAES128GCM: 16
        case .aes128CMSHA1_80: 10
        }
    }

    /// The profile's name in OpenSSL's `use_srtp` list (and RFC 5764 §4.1.2).
    public var description: String {
        switch self {
        case .aeadAES128GCM: "SRTP_AEAD_AES_128_GCM"
        case .aes128CMSHA1_80: "SRTP_AES128_CM_SHA1_80"
        }
    }

    /// Fills libsrtp's crypto policies for SRTP and SRTCP under this profile.
    func apply(to policy: inout srtp_policy_t) {
        switch self {
        case .aeadAES128GCM:
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
        case .aes128CMSHA1_80:
            // The RTP and RTCP defaults are AES_CM_128 with HMAC-SHA1-80 (RFC 3711 §5).
            srtp_crypto_policy_set_rtp_default(&policy.rtp)
            srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
        }
    }
}
