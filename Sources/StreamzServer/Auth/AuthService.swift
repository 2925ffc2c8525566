import Foundation
import Logging
import StreamzProtocol
import Synchronization

/// Register, login, refresh, logout and password reset (PROTOCOL.md §2 "Auth").
/// Requests arrive validated in shape only; the rules are applied here.
final class AuthService: Sendable {
    static let refreshLifetime: TimeInterval = 30 * 24 * 3600
    static let resetLifetime: TimeInterval = 3600

    let accounts: AccountRepository
    let hasher: PasswordHasher
    let tokens: AccessTokens
    let mailer: any Mailer
    let now: @Sendable () -> Date
    let logger: Logger
    /// A hash to check unknown emails against, so a login for an absent
    /// account takes as long as one with a wrong password.
    private let decoyHash = Mutex<String?>(nil)

    init(
        accounts: AccountRepository, hasher: PasswordHasher, tokens: AccessTokens, mailer: any Mailer,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.accounts = accounts
        self.hasher = hasher
        self.tokens = tokens
        self.mailer = mailer
        self.now = now
        self.logger = logger
    }

    func register(_ request: CredentialsRequest) async throws -> AuthResponse {
        let email = try Validation.email(request.email)
        try Validation.password(request.password)
        let hash = try await hasher.hash(request.password)
        let user = try await accounts.createUser(email: email, passwordHash: hash, at: now())
        logger.info("registered user \(user.id.wireString)")
        return try await startFamily(for: user)
    }

    func login(_ request: CredentialsRequest) async throws -> AuthResponse {
        let email = try Validation.email(request.email)
        // bcrypt reads only the first 72 bytes and stops at a NUL, so such a
        // password could match a stored one it merely starts with; no stored
        // password is like that, so it is simply wrong.
        let bytes = Array(request.password.utf8)
        guard bytes.count <= 72, !bytes.contains(0) else { throw APIError.invalidCredentials }
        guard let user = try await accounts.user(email: email) else {
            _ = try await hasher.verify(request.password, hash: try await decoy())
            throw APIError.invalidCredentials
        }
        guard try await hasher.verify(request.password, hash: user.passwordHash) else {
            throw APIError.invalidCredentials
        }
        return try await startFamily(for: user)
    }

    func refresh(_ request: RefreshTokenRequest) async throws -> AuthResponse {
        let presented = OpaqueToken.hash(request.refreshToken)
        let next = OpaqueToken.generate()
        let nextHash = OpaqueToken.hash(next)
        let at = now()
        let outcome = try await accounts.rotateRefreshToken(
            presentedHash: presented,
            successor: { old in
                RefreshTokenRecord(
                    tokenHash: nextHash, userId: old.userId, familyId: old.familyId, createdAt: at,
                    expiresAt: at.addingTimeInterval(Self.refreshLifetime))
            },
            at: at)
        switch outcome {
        case let .rotated(user):
            return AuthResponse(
                user: user.user, accessToken: try await tokens.issue(userId: user.id), refreshToken: next,
                expiresIn: AccessTokens.lifetime)
        case .refused:
            throw APIError.unauthorized
        case .reuseDetected:
            logger.warning("a rotated refresh token was presented again; its family is revoked")
            throw APIError.unauthorized
        }
    }

    func logout(userId: UUID, _ request: RefreshTokenRequest) async throws {
        try await accounts.revokeRefreshToken(hash: OpaqueToken.hash(request.refreshToken), userId: userId, at: now())
    }

    /// Always succeeds for a well-formed email, so it cannot tell who has an account.
    func forgotPassword(_ request: ForgotPasswordRequest) async throws {
        let email = try Validation.email(request.email)
        guard let user = try await accounts.user(email: email) else { return }
        let token = OpaqueToken.generate()
        let at = now()
        try await accounts.insertPasswordReset(
            PasswordResetRecord(
                tokenHash: OpaqueToken.hash(token), userId: user.id, createdAt: at,
                expiresAt: at.addingTimeInterval(Self.resetLifetime)))
        let body = """
            Someone asked to reset the Streamz password of \(user.email).
            Reset token (valid for 1 hour, usable once):

            \(token)

            Send it with a new password to POST /api/v1/auth/password/reset as {"token": "…", "password": "…"}.
            If you did not ask for this, ignore this message.
            """
        try await mailer.send(MailMessage(to: user.email, subject: "Reset your Streamz password", body: body))
    }

    func resetPassword(_ request: ResetPasswordRequest) async throws {
        try Validation.password(request.password)
        let hash = try await hasher.hash(request.password)
        let done = try await accounts.completePasswordReset(
            tokenHash: OpaqueToken.hash(request.token), newPasswordHash: hash, at: now())
        guard done else {
            throw APIError.validation("token", "The reset token is unknown, used or expired; ask for a new one.")
        }
    }

    /// A new token family: one access token and the first refresh token of the chain.
    private func startFamily(for user: UserRecord) async throws -> AuthResponse {
        let refresh = OpaqueToken.generate()
        let at = now()
        try await accounts.insertRefreshToken(
            RefreshTokenRecord(
                tokenHash: OpaqueToken.hash(refresh), userId: user.id, familyId: UUID(), createdAt: at,
                expiresAt: at.addingTimeInterval(Self.refreshLifetime)))
        return AuthResponse(
            user: user.user, accessToken: try await tokens.issue(userId: user.id), refreshToken: refresh,
            expiresIn: AccessTokens.lifetime)
    }

    private func decoy() async throws -> String {
        if let hash = decoyHash.withLock({ $0 }) { return hash }
        let hash = try await hasher.hash(OpaqueToken.generate())
        decoyHash.withLock { $0 = hash }
        return hash
    }
}
