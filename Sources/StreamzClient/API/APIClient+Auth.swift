import Foundation
import StreamzProtocol

// PROTOCOL.md §2 "Auth".
extension APIClient {
    /// `POST /auth/register`: creates the account and signs in.
    @discardableResult
    public func register(email: String, password: String) async throws(StreamzAPIError) -> User {
        try await signIn("/auth/register", email: email, password: password)
    }

    /// `POST /auth/login`: signs in and remembers the refresh token.
    @discardableResult
    public func login(email: String, password: String) async throws(StreamzAPIError) -> User {
        try await signIn("/auth/login", email: email, password: password)
    }

    private func signIn(_ path: String, email: String, password: String) async throws(StreamzAPIError) -> User {
        let sentAt = now()
        let answer: AuthResponse = try await call(
            "POST", server.api(path), body: CredentialsRequest(email: email, password: password), bearer: nil)
        return try install(answer, receivedAt: sentAt).user
    }

    /// Signs in with the refresh token remembered for this server (no
    /// password): `POST /auth/refresh`. Throws `notSignedIn` when none is
    /// remembered; a refused token is forgotten.
    @discardableResult
    public func resume() async throws(StreamzAPIError) -> AuthSession {
        try await currentSession()
    }

    /// `POST /auth/refresh` now, whatever the access token's expiry: a new
    /// access token and a rotated refresh token.
    @discardableResult
    public func refresh() async throws(StreamzAPIError) -> AuthSession {
        let current = try await currentSession()
        return try await refreshSession(replacing: current.accessToken)
    }

    /// `POST /auth/logout`: revokes the refresh token on the server and
    /// forgets the login here. The local login is forgotten even when the
    /// server cannot be reached, so `streamz logout` always signs out this
    /// machine; the error still reports that the server did not hear it.
    public func logout() async throws(StreamzAPIError) {
        var failure: StreamzAPIError?
        do {
            // A token about to expire is refreshed first, so the refresh
            // token revoked below is the current one, not a rotated one.
            let accessToken = try await validAccessToken()
            let refreshToken = try await currentSession().refreshToken
            let _: NoContent = try await call(
                "POST", server.api("/auth/logout"), body: RefreshTokenRequest(refreshToken: refreshToken), bearer: accessToken)
        } catch .notSignedIn {
            return
        } catch {
            failure = error
        }
        try signOutLocally()
        if let failure, !failure.isRefusedCredentials { throw failure }
    }

    /// `POST /auth/password/forgot`: the server answers 202 whether or not
    /// the email has an account.
    public func forgotPassword(email: String) async throws(StreamzAPIError) {
        let _: NoContent = try await call(
            "POST", server.api("/auth/password/forgot"), body: ForgotPasswordRequest(email: email), bearer: nil)
    }

    /// `POST /auth/password/reset` with the token from the reset mail. Every
    /// refresh token of that user is revoked: a client signed in as them is
    /// refused at its next refresh and forgets its login then.
    public func resetPassword(token: String, newPassword: String) async throws(StreamzAPIError) {
        let _: NoContent = try await call(
            "POST", server.api("/auth/password/reset"), body: ResetPasswordRequest(token: token, password: newPassword),
            bearer: nil)
    }

    /// `GET /me`.
    public func me() async throws(StreamzAPIError) -> User {
        let answer: UserResponse = try await authorized("GET", "/me")
        return answer.user
    }
}
