import COpenSSL

/// A certificate fingerprint as carried in SDP `a=fingerprint` (RFC 8122 §5).
///
/// The value is the hash of the DER certificate, written as uppercase hex
/// pairs separated by colons ("AB:CD:..."). WebRTC uses sha-256 (RFC 8827
/// §6.5); the other RFC 8122 hash names are accepted so a peer offering them
/// is checked rather than refused.
public struct DTLSFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// Hash functions named in RFC 8122 §5 (the "Hash Function Textual Names" registry).
    public enum Algorithm: String, Hashable, Sendable, CaseIterable {
        case sha1 = "sha-1"
        case sha256 = "sha-256"
        case sha384 = "sha-384"
        case sha512 = "sha-512"

        /// Digest length in bytes.
        public var digestLength: Int {
            switch self {
            case .sha1: 20
            case .sha256: 32
            case .sha384: 48
            case .sha512: 64
            }
        }

        /// OpenSSL's message digest for this hash.
        var messageDigest: OpaquePointer? {
            switch self {
            case .sha1: EVP_sha1()
            case .sha256: EVP_sha256()
            case .sha384: EVP_sha384()
            case .sha512: EVP_sha512()
            }
        }
    }

    public var algorithm: Algorithm
    public var digest: [UInt8]

    /// A fingerprint from its parts; the digest length must suit the algorithm.
    public init(algorithm: Algorithm, digest: [UInt8]) throws(DTLSFingerprintError) {
        guard digest.count == algorithm.digestLength else {
            throw .wrongLength(expected: algorithm.digestLength, actual: digest.count)
        }
        self.algorithm = algorithm
        self.digest = digest
    }

    /// Parses the hex part of the attribute, "AB:CD:...", for `algorithm`.
    /// Lowercase hex is accepted (RFC 8122 §5 grammar: `UHEX`, but peers vary).
    public init(algorithm: Algorithm = .sha256, hex text: some StringProtocol) throws(DTLSFingerprintError) {
        let pairs = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.count)
        for pair in pairs {
            // Checked digit by digit: UInt8(_:radix:) would also take a sign ("+F").
            guard pair.utf8.count == 2, pair.allSatisfy(\.isHexDigit), let byte = UInt8(pair, radix: 16) else {
                throw .invalidHex(String(pair))
            }
            bytes.append(byte)
        }
        try self.init(algorithm: algorithm, digest: bytes)
    }

    /// Parses the whole attribute value, "sha-256 AB:CD:..." (RFC 8122 §5:
    /// hash-func SP fingerprint; the hash name is case-insensitive).
    public init(attributeValue: some StringProtocol) throws(DTLSFingerprintError) {
        let parts = attributeValue.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw .malformedAttribute(String(attributeValue)) }
        guard let algorithm = Algorithm(rawValue: parts[0].lowercased()) else {
            throw .unsupportedAlgorithm(String(parts[0]))
        }
        try self.init(algorithm: algorithm, hex: parts[1])
    }

    /// The digest in SDP form: uppercase hex pairs joined by colons.
    public var hexValue: String {
        digest.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 0x10 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    /// The full attribute value, "sha-256 AB:CD:...".
    public var attributeValue: String { "\(algorithm.rawValue) \(hexValue)" }

    public var description: String { attributeValue }

    /// The fingerprint of a certificate (`X509 *`) under `algorithm`.
    static func of(certificate: OpaquePointer, algorithm: Algorithm) -> DTLSFingerprint? {
        var buffer = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, algorithm.messageDigest, &buffer, &length) == 1,
              Int(length) == algorithm.digestLength
        else { return nil }
        return try? DTLSFingerprint(algorithm: algorithm, digest: Array(buffer.prefix(Int(length))))
    }
}

/// Why a fingerprint could not be parsed.
public enum DTLSFingerprintError: Error, Equatable, Sendable {
    case malformedAttribute(String)
    case unsupportedAlgorithm(String)
    case invalidHex(String)
    case wrongLength(expected: Int, actual: Int)
}
