import COpenSSL

/// The hashes STUN authentication needs, over OpenSSL's one-shot functions.
public enum STUNCrypto {
    static func hmacSHA1(key: [UInt8], data: [UInt8]) -> [UInt8] {
        hmac(EVP_sha1(), length: 20, key: key, data: data)
    }

    static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        hmac(EVP_sha256(), length: 32, key: key, data: data)
    }

    private static func hmac(_ digest: OpaquePointer?, length: Int, key: [UInt8], data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: length)
        var outputLength: UInt32 = 0
        // An empty key still needs a valid pointer for OpenSSL.
        let keyBytes = key.isEmpty ? [0] : key
        _ = keyBytes.withUnsafeBufferPointer { keyPointer in
            data.withUnsafeBufferPointer { dataPointer in
                output.withUnsafeMutableBufferPointer { outputPointer in
                    HMAC(digest, keyPointer.baseAddress, Int32(key.count), dataPointer.baseAddress, data.count,
                         outputPointer.baseAddress, &outputLength)
                }
            }
        }
        return output
    }

    /// The password algorithms of RFC 8489 §18.5.
    public enum PasswordAlgorithm: Sendable {
        case md5
        case sha256
    }

    /// The long-term credential key (RFC 8489 §9.2.2):
    /// MD5 or SHA-256 of (username ":" OpaqueString(realm) ":" OpaqueString(password)).
    /// OpaqueString (SASLprep in RFC 5389) is the identity for the ASCII credentials TURN
    /// servers hand out, so it is not applied: pass already-prepared text.
    public static func longTermKey(username: String, realm: String, password: String, algorithm: PasswordAlgorithm = .md5) -> [UInt8] {
        let input = Array("\(username):\(realm):\(password)".utf8)
        var output = [UInt8](repeating: 0, count: algorithm == .md5 ? 16 : 32)
        var outputLength: UInt32 = 0
        let digest = algorithm == .md5 ? EVP_md5() : EVP_sha256()
        _ = input.withUnsafeBufferPointer { inputPointer in
            output.withUnsafeMutableBufferPointer { outputPointer in
                EVP_Digest(inputPointer.baseAddress, input.count, outputPointer.baseAddress, &outputLength, digest, nil)
            }
        }
        return output
    }

    /// Short-term credential key (RFC 8489 §9.1.1): the password itself.
    public static func shortTermKey(password: String) -> [UInt8] { Array(password.utf8) }

    /// Compares MACs without an early exit, so timing reveals nothing about where they differ.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
