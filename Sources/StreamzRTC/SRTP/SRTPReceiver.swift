import CSRTP

/// Verifies and decrypts incoming SRTP and SRTCP with the peer's (remote)
/// DTLS-SRTP keys, for any SSRC the peer sends.
///
/// Not Sendable (see `SRTPSession`).
public final class SRTPReceiver {
    private let session: SRTPSession

    public var profile: SRTPProfile { session.profile }

    public init(profile: SRTPProfile, masterKey: SRTPMasterKey) throws(SRTPError) {
        session = try SRTPSession(profile: profile, masterKey: masterKey, direction: .inbound)
    }

    /// The receiver for the remote half of a handshake's keying material.
    public convenience init(keyingMaterial: SRTPKeyingMaterial) throws(SRTPError) {
        try self.init(profile: keyingMaterial.profile, masterKey: keyingMaterial.remote)
    }

    /// RFC 3711 §3.3: checks the replay window and tag, then decrypts.
    /// Throws `.authenticationFailed` for a tampered packet and `.replayed`
    /// for one already accepted.
    public func unprotectRTP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        try SRTPPacketCheck.rtp(packet, trailer: profile.authenticationTagLength)
        return try session.transform(packet, room: 0, operation: "srtp_unprotect") {
            srtp_unprotect($0, $1, $2)
        }
    }

    /// RFC 3711 §3.4: checks index and tag, then decrypts the compound packet.
    public func unprotectRTCP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        // The trailer holds the 4-byte E-flag/SRTCP index and the tag.
        try SRTPPacketCheck.rtcp(packet, trailer: 4 + profile.authenticationTagLength)
        return try session.transform(packet, room: 0, operation: "srtp_unprotect_rtcp") {
            srtp_unprotect_rtcp($0, $1, $2)
        }
    }
}
