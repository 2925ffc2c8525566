/// A username fragment and password (RFC 8445 §5.3; RFC 8839 §5.4 sizes).
public struct ICECredentials: Hashable, Sendable {
    public var ufrag: String
    public var password: String

    public init(ufrag: String, password: String) {
        self.ufrag = ufrag
        self.password = password
    }

    /// Fresh credentials: an 8-character ufrag (≥ 4 required, 24 bits of randomness) and a
    /// 24-character password (≥ 22 required, 128 bits) from ice-chars.
    public static func random(using generator: inout some RandomNumberGenerator) -> ICECredentials {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        func text(_ count: Int) -> String {
            String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }
        return ICECredentials(ufrag: text(8), password: text(24))
    }
}
