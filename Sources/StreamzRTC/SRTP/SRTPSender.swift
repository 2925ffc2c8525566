import CSRTP

/// Protects outgoing RTP and RTCP with our (local) DTLS-SRTP keys.
///
/// Not Sendable (see `SRTPSession`).
public final class SRTPSender {
    private let session: SRTPSession

    public var profile: SRTPProfile { session.profile }

    public init(profile: SRTPProfile, masterKey: SRTPMasterKey) throws(SRTPError) {
        session = try SRTPSession(profile: profile, masterKey: masterKey, direction: .outbound)
    }

    /// The sender for the local half of a handshake's keying material.
    public convenience init(keyingMaterial: SRTPKeyingMaterial) throws(SRTPError) {
        try self.init(profile: keyingMaterial.profile, masterKey: keyingMaterial.local)
    }

    /// RFC 3711 §3.3: encrypts the payload and appends the tag.
    public func protectRTP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        try SRTPPacketCheck.rtp(packet, trailer: 0)
        // srtp_protect may write up to SRTP_MAX_TRAILER_LEN bytes past the packet.
        return try session.transform(packet, room: Self.maximumTrailer, operation: "srtp_protect") {
            srtp_protect($0, $1, $2)
        }
    }

    /// RFC 3711 §3.4: encrypts the compound packet after the first header and
    /// appends the E-flag/SRTCP index word and the tag.
    public func protectRTCP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        try SRTPPacketCheck.rtcp(packet, trailer: 0)
        // srtp_protect_rtcp writes the 4-byte SRTCP index plus up to SRTP_MAX_TRAILER_LEN.
        return try session.transform(packet, room: Self.maximumTrailer + 4, operation: "srtp_protect_rtcp") {
            srtp_protect_rtcp($0, $1, $2)
        }
    }

    /// SRTP_MAX_TRAILER_LEN (a macro over two other macros in srtp.h).
    static let maximumTrailer = Int(SRTP_MAX_TAG_LEN + SRTP_MAX_MKI_LEN)
}
