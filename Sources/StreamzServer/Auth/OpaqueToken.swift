import Crypto
import Foundation

/// Opaque bearer secrets (refresh and password-reset tokens): 256 random bits
/// in base64url, stored only as their SHA-256 so a database leak reveals none.
enum OpaqueToken {
    static func generate() -> String {
        base64URL(randomBytes(count: 32))
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    static func randomBytes(count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// RFC 4648 §5 alphabet without padding: safe in URLs and JSON.
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
