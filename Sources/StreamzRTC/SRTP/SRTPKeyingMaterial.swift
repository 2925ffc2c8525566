/// Master key and salt for one direction of SRTP.
public struct SRTPMasterKey: Hashable, Sendable {
    public var key: [UInt8]
    public var salt: [UInt8]

    public init(key: [UInt8], salt: [UInt8]) {
        self.key = key
        self.salt = salt
    }
}

/// The SRTP keys a DTLS-SRTP handshake produced, already assigned to our
/// sending (local) and receiving (remote) directions.
public struct SRTPKeyingMaterial: Hashable, Sendable {
    public var profile: SRTPProfile
    /// Protects what we send.
    public var local: SRTPMasterKey
    /// Unprotects what the peer sends.
    public var remote: SRTPMasterKey

    public init(profile: SRTPProfile, local: SRTPMasterKey, remote: SRTPMasterKey) {
        self.profile = profile
        self.local = local
        self.remote = remote
    }

    /// The label for SSL_export_keying_material (RFC 5764 §4.2).
    static let exporterLabel = "EXTRACTOR-dtls_srtp"

    /// How many bytes to export for `profile`: two keys and two salts.
    static func exportLength(for profile: SRTPProfile) -> Int {
        2 * (profile.masterKeyLength + profile.masterSaltLength)
    }

    /// Splits exported keying material per RFC 5764 §4.2, which lays it out as
    /// client_write_SRTP_master_key | server_write_SRTP_master_key |
    /// client_write_SRTP_master_salt | server_write_SRTP_master_salt,
    /// then picks ours by role: the client sends with the client write key.
    init(splitting exported: [UInt8], profile: SRTPProfile, isClient: Bool) throws(SRTPKeyingError) {
        let keyLength = profile.masterKeyLength
        let saltLength = profile.masterSaltLength
        guard exported.count == Self.exportLength(for: profile) else {
            throw .wrongExportLength(expected: Self.exportLength(for: profile), actual: exported.count)
        }
        let clientKey = Array(exported[0..<keyLength])
        let serverKey = Array(exported[keyLength..<(2 * keyLength)])
        let clientSalt = Array(exported[(2 * keyLength)..<(2 * keyLength + saltLength)])
        let serverSalt = Array(exported[(2 * keyLength + saltLength)...])
        let client = SRTPMasterKey(key: clientKey, salt: clientSalt)
        let server = SRTPMasterKey(key: serverKey, salt: serverSalt)
        self.init(profile: profile, local: isClient ? client : server, remote: isClient ? server : client)
    }
}

/// Why exported keying material could not be split.
public enum SRTPKeyingError: Error, Equatable, Sendable {
    case wrongExportLength(expected: Int, actual: Int)
}
