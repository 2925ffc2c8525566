import Foundation
import StreamzProtocol

/// The tokens of a signed-in client. The access token is short-lived (15
/// minutes, PROTOCOL.md §2); the refresh token rotates on every refresh.
public struct AuthSession: Equatable, Sendable {
    public var user: User
    public var accessToken: String
    public var refreshToken: String
    /// When the server said the access token stops working (`expiresIn` after it was issued).
    public var accessTokenExpiresAt: Date

    public init(user: User, accessToken: String, refreshToken: String, accessTokenExpiresAt: Date) {
        self.user = user
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
    }

    /// A session from an auth answer received at `receivedAt`.
    init(_ answer: AuthResponse, receivedAt: Date) {
        self.init(
            user: answer.user, accessToken: answer.accessToken,
            refreshToken: answer.refreshToken,
            accessTokenExpiresAt: receivedAt.addingTimeInterval(TimeInterval(answer.expiresIn)))
    }

    /// The signed-in user's email, as the server normalized it.
    public var email: String { user.email }

    /// Whether the access token should be refreshed before use: it expires
    /// within `margin`, so a request sent now might arrive after expiry.
    func needsRefresh(at now: Date, margin: TimeInterval) -> Bool {
        now.addingTimeInterval(margin) >= accessTokenExpiresAt
    }
}
