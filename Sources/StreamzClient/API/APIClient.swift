import Foundation
import StreamzProtocol

/// A typed client for the REST API of PROTOCOL.md §2.
///
/// It keeps the session's tokens: authenticated calls carry the access
/// token, refreshed shortly before it expires (`expiresIn`), and once more
/// when the server still answers `token_expired` (clock skew), after which
/// the call is retried once. Refresh tokens rotate on every refresh; with a
/// `CredentialStore` the new one replaces the remembered one at once, because
/// the old one is dead (and presenting it again would revoke the whole family).
///
/// Every failure is a `StreamzAPIError`.
public actor APIClient {
    public nonisolated let server: ServerAddress
    let transport: any HTTPTransport
    let credentials: CredentialStore?
    let now: @Sendable () -> Date
    /// Refresh this long before the access token's expiry.
    let refreshMargin: TimeInterval

    /// The tokens of the signed-in user, `nil` when signed out.
    public private(set) var session: AuthSession?
    /// The refresh in flight: concurrent callers share it, so a rotated
    /// refresh token is never presented twice.
    private var refreshInFlight: Task<AuthSession, any Error>?

    /// - Parameters:
    ///   - credentials: where the refresh token is remembered; `nil` remembers nothing.
    ///   - now: the clock for token expiry (tests move it by hand).
    ///   - refreshMargin: seconds before expiry at which the access token is refreshed.
    public init(
        server: ServerAddress, transport: any HTTPTransport = AsyncHTTPTransport(), credentials: CredentialStore? = nil,
        now: @escaping @Sendable () -> Date = Date.init, refreshMargin: TimeInterval = 60
    ) {
        self.server = server
        self.transport = transport
        self.credentials = credentials
        self.now = now
        self.refreshMargin = refreshMargin
    }

    // MARK: Session

    /// Installs a session answered by the server and remembers its refresh token.
    func install(_ answer: AuthResponse, receivedAt: Date) throws(StreamzAPIError) -> AuthSession {
        let next = AuthSession(answer, receivedAt: receivedAt)
        session = next
        try remember(next)
        return next
    }

    /// Drops the session and the remembered login of this server.
    func signOutLocally() throws(StreamzAPIError) {
        session = nil
        guard let credentials else { return }
        do { try credentials.forget(server: server) } catch { throw .credentials(error) }
    }

    private func remember(_ session: AuthSession) throws(StreamzAPIError) {
        guard let credentials else { return }
        do {
            try credentials.save(RememberedLogin(email: session.email, refreshToken: session.refreshToken), server: server)
        } catch {
            throw .credentials(error)
        }
    }

    /// The current session, resumed from the remembered refresh token when
    /// there is none in memory.
    func currentSession() async throws(StreamzAPIError) -> AuthSession {
        if let session { return session }
        guard let credentials else { throw .notSignedIn }
        let remembered: RememberedLogin?
        do { remembered = try credentials.load(server: server) } catch { throw .credentials(error) }
        guard let remembered else { throw .notSignedIn }
        return try await refresh(using: remembered.refreshToken)
    }

    /// An access token fit to send now: refreshed first when it expires
    /// within the margin. The signalling client authenticates with it too.
    public func validAccessToken() async throws(StreamzAPIError) -> String {
        let current = try await currentSession()
        guard current.needsRefresh(at: now(), margin: refreshMargin) else { return current.accessToken }
        return try await refreshSession(replacing: current.accessToken).accessToken
    }

    /// Refreshes unless another caller already replaced `accessToken`, in
    /// which case the newer session is the answer.
    func refreshSession(replacing accessToken: String) async throws(StreamzAPIError) -> AuthSession {
        if let refreshInFlight { return try await Self.value(of: refreshInFlight) }
        let current = try await currentSession()
        guard current.accessToken == accessToken else { return current }
        let task = Task { () throws -> AuthSession in
            try await self.refresh(using: current.refreshToken)
        }
        refreshInFlight = task
        defer { refreshInFlight = nil }
        return try await Self.value(of: task)
    }

    private static func value(of task: Task<AuthSession, any Error>) async throws(StreamzAPIError) -> AuthSession {
        do { return try await task.value } catch let error as StreamzAPIError { throw error } catch {
            throw .network("\(error)")
        }
    }

    /// `POST /auth/refresh`. A refused refresh token (401) is dead for good,
    /// so it is forgotten; a network failure keeps it for the next attempt.
    func refresh(using refreshToken: String) async throws(StreamzAPIError) -> AuthSession {
        let sentAt = now()
        do {
            let answer: AuthResponse = try await call(
                "POST", server.api("/auth/refresh"), body: RefreshTokenRequest(refreshToken: refreshToken), bearer: nil)
            return try install(answer, receivedAt: sentAt)
        } catch let error where error.isRefusedCredentials {
            try? signOutLocally()
            throw error
        }
    }
}

extension StreamzAPIError {
    /// A 401 on a call that presented credentials: they will not work again.
    var isRefusedCredentials: Bool {
        if case .server(let error) = self { return error.status == 401 }
        return false
    }
}
