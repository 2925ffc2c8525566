import Foundation
import JWTKit
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Access tokens")
struct AccessTokenTests {
    /// Claims a forger controls entirely.
    struct ForgedClaims: JWTPayload {
        var sub: SubjectClaim
        var iat: IssuedAtClaim
        var exp: ExpirationClaim
        var jti: IDClaim
        var typ: String
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    private func forged(userId: UUID, typ: String, now: Date) -> ForgedClaims {
        ForgedClaims(
            sub: SubjectClaim(value: userId.wireString), iat: IssuedAtClaim(value: now),
            exp: ExpirationClaim(value: now.addingTimeInterval(600)), jti: IDClaim(value: "x"), typ: typ)
    }

    @Test("a token issued for a user verifies to that user")
    func roundTrip() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000.75))
        let tokens = await AccessTokens(secret: Data(repeating: 7, count: 32), now: clock.provider)
        let id = UUID()
        let token = try await tokens.issue(userId: id)
        #expect(try await tokens.verifyAccessToken(token) == id)
        #expect(AccessTokens.headerAlgorithm(of: token) == "HS256")
        // Claims as PROTOCOL.md §2 lists them, times in whole seconds.
        let payload = try #require(Data(base64URL: String(token.split(separator: ".")[1])))
        let claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(Set(claims.keys) == ["sub", "iat", "exp", "jti", "typ"])
        #expect(claims["sub"] as? String == id.wireString && claims["typ"] as? String == "access")
        let issued = try #require(claims["iat"] as? NSNumber)
        let expires = try #require(claims["exp"] as? NSNumber)
        #expect(issued.doubleValue == issued.doubleValue.rounded() && expires.doubleValue - issued.doubleValue == 900)
    }

    @Test("wrong typ, other algorithm, other key, alg none and garbage are unauthorized")
    func refusals() async throws {
        let clock = TestClock()
        let secret = Data(repeating: 9, count: 32)
        let tokens = await AccessTokens(secret: secret, now: clock.provider)
        let id = UUID()

        let sameKey = JWTKeyCollection()
        await sameKey.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let wrongType = try await sameKey.sign(forged(userId: id, typ: "refresh", now: clock.now))

        // HS384 needs a 48-byte key; our secret is its prefix, as a forger who
        // hoped for a lax algorithm check might try.
        let hs384 = JWTKeyCollection()
        await hs384.add(hmac: HMACKey(from: secret + Data(repeating: 0, count: 16)), digestAlgorithm: .sha384)
        let otherAlgorithm = try await hs384.sign(forged(userId: id, typ: "access", now: clock.now))

        let otherKey = JWTKeyCollection()
        await otherKey.add(hmac: HMACKey(from: Data(repeating: 1, count: 32)), digestAlgorithm: .sha256)
        let otherSignature = try await otherKey.sign(forged(userId: id, typ: "access", now: clock.now))

        // alg "none" with our genuine payload and no signature (RFC 7519 §6).
        let genuine = try await tokens.issue(userId: id)
        let payload = genuine.split(separator: ".")[1]
        let none = OpaqueToken.base64URL(Data(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + payload + "."

        for token in [wrongType, otherAlgorithm, otherSignature, none, "", "...", "a.b", "%%%.%%%.%%%", genuine + "x"] {
            await #expect(throws: APIError.unauthorized) { try await tokens.verifyAccessToken(token) }
        }
    }

    @Test("expiry gives token_expired, checked against the injected clock")
    func expiry() async throws {
        let clock = TestClock()
        let tokens = await AccessTokens(secret: Data(repeating: 3, count: 32), now: clock.provider)
        let token = try await tokens.issue(userId: UUID())
        clock.advance(seconds: 899)
        _ = try await tokens.verifyAccessToken(token)
        clock.advance(seconds: 2)
        await #expect(throws: APIError.tokenExpired) { try await tokens.verifyAccessToken(token) }
    }

    @Test("base64url decoding refuses padding and impossible lengths")
    func base64URL() {
        #expect(Data(base64URL: "eyJhIjoxfQ") == Data(#"{"a":1}"#.utf8))
        #expect(Data(base64URL: "eyJhIjoxfQ==") == nil)
        #expect(Data(base64URL: "a") == nil)
        #expect(Data(base64URL: "***") == nil)
    }
}
