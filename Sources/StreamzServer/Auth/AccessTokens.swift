import Foundation
import JWTKit

/// Claims of an access token (PROTOCOL.md §2): `sub`, `iat`, `exp`, `jti`, `typ`.
struct AccessTokenClaims: JWTPayload {
    var sub: SubjectClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var jti: IDClaim
    var typ: String

    /// Expiry is checked by `AccessTokens` against its injected clock; here
    /// only the token's purpose, so no other JWT we might sign passes as one.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        guard typ == AccessTokens.type else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "typ is not access")
        }
    }
}

/// Issues and verifies HS256 access tokens with the database-held key.
public struct AccessTokens: AccessTokenVerifier {
    static let type = "access"
    static let algorithm = "HS256"
    /// 15 minutes (PROTOCOL.md §2).
    public static let lifetime = 15 * 60

    private let keys: JWTKeyCollection
    private let now: @Sendable () -> Date

    init(secret: Data, now: @escaping @Sendable () -> Date) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.now = now
    }

    /// A new access token for `userId`.
    func issue(userId: UUID) async throws -> String {
        // Whole seconds: RFC 7519 §2 allows fractional NumericDates, but
        // many JWT libraries in clients expect integers.
        let issuedAt = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        let claims = AccessTokenClaims(
            sub: SubjectClaim(value: userId.wireString),
            iat: IssuedAtClaim(value: issuedAt),
            exp: ExpirationClaim(value: issuedAt.addingTimeInterval(TimeInterval(Self.lifetime))),
            jti: IDClaim(value: UUID().wireString),
            typ: Self.type)
        return try await keys.sign(claims, header: ["typ": "JWT", "alg": .string(Self.algorithm)])
    }

    public func verifyAccessToken(_ token: String) async throws -> UUID {
        // The algorithm is pinned: a header naming anything but HS256
        // ("none", RS256 with our secret as a public key, …) is refused
        // before any signature check.
        guard Self.headerAlgorithm(of: token) == Self.algorithm else { throw APIError.unauthorized }
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw APIError.unauthorized
        }
        guard now() < claims.exp.value else { throw APIError.tokenExpired }
        guard let userId = UUID(uuidString: claims.sub.value) else { throw APIError.unauthorized }
        return userId
    }

    /// `alg` of the JOSE header (RFC 7515 §4.1.1), `nil` for anything unreadable.
    static func headerAlgorithm(of token: String) -> String? {
        guard let headerPart = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let data = Data(base64URL: String(headerPart)),
            let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return header["alg"] as? String
    }
}

extension Data {
    /// Decodes base64url without padding (RFC 4648 §5); `nil` for other text.
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        let remainder = base64.count % 4
        guard remainder != 1 else { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        self.init(base64Encoded: base64)
    }
}
