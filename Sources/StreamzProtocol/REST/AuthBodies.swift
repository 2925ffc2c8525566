import Foundation

// Request and answer bodies of the auth endpoints (PROTOCOL.md §2 "Auth").
// The server validates their contents; decoding only checks the JSON shape.

/// `POST /auth/register` and `POST /auth/login`: `{email, password}`.
public struct CredentialsRequest: Codable, Equatable, Sendable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// The answer of register, login and refresh: `{user, accessToken, refreshToken, expiresIn}`.
public struct AuthResponse: Codable, Equatable, Sendable {
    public var user: User
    public var accessToken: String
    public var refreshToken: String
    /// Seconds until `accessToken` expires.
    public var expiresIn: Int

    public init(user: User, accessToken: String, refreshToken: String, expiresIn: Int) {
        self.user = user
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
    }
}

/// `POST /auth/refresh` and `POST /auth/logout`: `{refreshToken}`.
public struct RefreshTokenRequest: Codable, Equatable, Sendable {
    public var refreshToken: String

    public init(refreshToken: String) { self.refreshToken = refreshToken }
}

/// `POST /auth/password/forgot`: `{email}`.
public struct ForgotPasswordRequest: Codable, Equatable, Sendable {
    public var email: String

    public init(email: String) { self.email = email }
}

/// `POST /auth/password/reset`: `{token, password}`.
public struct ResetPasswordRequest: Codable, Equatable, Sendable {
    public var token: String
    public var password: String

    public init(token: String, password: String) {
        self.token = token
        self.password = password
    }
}

/// `GET /me`: `{user}`.
public struct UserResponse: Codable, Equatable, Sendable {
    public var user: User

    public init(user: User) { self.user = user }
}
