import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// Register, login, refresh and logout against the live server, with the
/// refresh token remembered in a temporary credentials folder.
@Suite("API client: sign-in round trips")
struct APIClientAuthTests {
    static let password = APIClientErrorTests.password

    @Test func registerThenMeThenLoginElsewhere() async throws {
        try await APITestServer.with { server in
            let store = temporaryCredentialStore()
            let client = try server.client(credentials: store)
            let user = try await client.register(email: "  Eve@Example.org ", password: Self.password)
            #expect(user.email == "eve@example.org")
            try Self.expectSameUser(try await client.me(), user)
            let remembered = try #require(try store.load(server: server.address))
            #expect(remembered.email == "eve@example.org")
            #expect(remembered.refreshToken == (await client.session?.refreshToken))

            let other = try server.client()
            try Self.expectSameUser(try await other.login(email: "eve@example.org", password: Self.password), user)
            #expect(try await other.me().id == user.id)
        }
    }

    @Test func refreshRotatesTheRememberedToken() async throws {
        try await APITestServer.with { server in
            let store = temporaryCredentialStore()
            let client = try server.client(credentials: store)
            try await client.register(email: "frank@example.org", password: Self.password)
            let before = try #require(await client.session)
            let after = try await client.refresh()
            #expect(after.refreshToken != before.refreshToken)
            #expect(after.accessToken != before.accessToken)
            #expect(try store.load(server: server.address)?.refreshToken == after.refreshToken)
            #expect(try await client.me().email == "frank@example.org")
        }
    }

    @Test func resumeSignsInFromTheRememberedToken() async throws {
        try await APITestServer.with { server in
            let store = temporaryCredentialStore()
            try await server.client(credentials: store).register(email: "gina@example.org", password: Self.password)
            let remembered = try #require(try store.load(server: server.address))

            // A new process: nothing in memory, only the file.
            let later = try server.client(credentials: store)
            let session = try await later.resume()
            #expect(session.email == "gina@example.org")
            #expect(session.refreshToken != remembered.refreshToken)
            #expect(try store.load(server: server.address)?.refreshToken == session.refreshToken)
            #expect(try await later.me().email == "gina@example.org")
        }
    }

    @Test func logoutRevokesOnTheServerAndForgetsLocally() async throws {
        try await APITestServer.with { server in
            let store = temporaryCredentialStore()
            let client = try server.client(credentials: store)
            try await client.register(email: "hal@example.org", password: Self.password)
            let revoked = try #require(await client.session?.refreshToken)

            try await client.logout()
            #expect(await client.session == nil)
            #expect(try store.load(server: server.address) == nil)
            await #expect(throws: StreamzAPIError.notSignedIn) { try await client.me() }

            // The server no longer takes the revoked refresh token.
            let stale = temporaryCredentialStore()
            try stale.save(RememberedLogin(email: "hal@example.org", refreshToken: revoked), server: server.address)
            let replay = try server.client(credentials: stale)
            let error = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                _ = try await replay.resume()
            }
            #expect(error.status == 401)
            // A refused refresh token is forgotten.
            #expect(try stale.load(server: server.address) == nil)
        }
    }

    @Test func logoutFromANewProcessUsesTheRememberedLogin() async throws {
        try await APITestServer.with { server in
            let store = temporaryCredentialStore()
            try await server.client(credentials: store).register(email: "ivy@example.org", password: Self.password)
            let token = try #require(try store.load(server: server.address)?.refreshToken)

            try await server.client(credentials: store).logout()
            #expect(try store.load(server: server.address) == nil)
            let stale = temporaryCredentialStore()
            try stale.save(RememberedLogin(email: nil, refreshToken: token), server: server.address)
            await #expect(throws: StreamzAPIError.self) { try await server.client(credentials: stale).resume() }
        }
    }

    @Test func reusingARotatedRefreshTokenRevokesTheFamily() async throws {
        try await APITestServer.with { server in
            let store = temporaryCredentialStore()
            let client = try server.client(credentials: store)
            try await client.register(email: "jay@example.org", password: Self.password)
            let first = try #require(await client.session?.refreshToken)
            try await client.refresh()

            // Someone replays the rotated token: the server revokes the whole family.
            let thief = temporaryCredentialStore()
            try thief.save(RememberedLogin(email: nil, refreshToken: first), server: server.address)
            await #expect(throws: StreamzAPIError.self) { try await server.client(credentials: thief).resume() }
            let error = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                try await client.refresh()
            }
            #expect(error.status == 401)
            #expect(await client.session == nil)
            #expect(try store.load(server: server.address) == nil)
        }
    }

    @Test func passwordResetRoundTrip() async throws {
        let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-client-mail-\(UUID().uuidString)")
        try await APITestServer.with(configure: { $0.mailOutbox = outbox.path }) { server in
            let client = try server.client()
            try await client.register(email: "kim@example.org", password: Self.password)
            try await client.forgotPassword(email: "kim@example.org")
            // Unknown addresses get the same 202, so nobody can probe for accounts.
            try await client.forgotPassword(email: "nobody@example.org")
            let mails = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
            #expect(mails.count == 1)
            let mail = try String(contentsOf: outbox.appendingPathComponent(try #require(mails.first)), encoding: .utf8)
            let token = try #require(Self.resetToken(in: mail))

            try await client.resetPassword(token: token, newPassword: "a brand new secret")
            let error = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                try await client.refresh()
            }
            #expect(error.status == 401)
            #expect(try await server.client().login(email: "kim@example.org", password: "a brand new secret").email == "kim@example.org")
        }
    }

    /// The same account. `createdAt` may differ by a millisecond between the
    /// register answer and later reads (the server's answer formats its
    /// in-memory date, later reads come from the database), so it is
    /// compared to the millisecond's neighbourhood.
    static func expectSameUser(_ read: User, _ registered: User) throws {
        #expect(read.id == registered.id)
        #expect(read.email == registered.email)
        #expect(abs(read.createdAt.timeIntervalSince(registered.createdAt)) < 0.002)
    }

    /// The reset token in a mail: the longest run of token characters.
    static func resetToken(in mail: String) -> String? {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        return mail.components(separatedBy: allowed.inverted).max(by: { $0.count < $1.count }).flatMap { $0.count >= 32 ? $0 : nil }
    }
}
