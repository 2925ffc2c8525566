/// What is remembered of a login for one server: the refresh token (to
/// resume without a password) and the email (to show who is signed in).
/// Never the password, never an access token.
public struct RememberedLogin: Codable, Equatable, Sendable {
    public var email: String?
    public var refreshToken: String

    public init(email: String?, refreshToken: String) {
        self.email = email
        self.refreshToken = refreshToken
    }
}

/// The credentials file: `{"version": 1, "servers": {"<server URL>": {email, refreshToken}}}`.
struct CredentialsFile: Codable, Equatable {
    static let currentVersion = 1

    var version: Int = currentVersion
    var servers: [String: RememberedLogin] = [:]
}
