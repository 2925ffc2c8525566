import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// Access tokens live 15 minutes on the server (PROTOCOL.md §2). The server
/// and client clocks are moved by hand, so expiry needs no waiting.
@Suite("API client: access-token expiry")
struct APIClientTokenExpiryTests {
    static let password = APIClientErrorTests.password

    @Test func refreshesBeforeExpiryFromExpiresIn() async throws {
        let clock = ManualClock()
        try await APITestServer.with(clock: clock) { server in
            let store = temporaryCredentialStore()
            let client = try server.client(credentials: store, now: clock.provider)
            try await client.register(email: "lee@example.org", password: Self.password)
            let before = try #require(await client.session)
            #expect(before.accessTokenExpiresAt == clock.now.addingTimeInterval(15 * 60))

            // Within the one-minute margin, but not yet expired: the client refreshes first.
            clock.advance(seconds: 14 * 60 + 30)
            #expect(try await client.me().email == "lee@example.org")
            let after = try #require(await client.session)
            #expect(after.accessToken != before.accessToken)
            #expect(after.refreshToken != before.refreshToken)
            #expect(try store.load(server: server.address)?.refreshToken == after.refreshToken)

            // Far from expiry: no refresh.
            clock.advance(seconds: 60)
            _ = try await client.devices()
            #expect(await client.session == after)
        }
    }

    @Test func tokenExpiredAnswerRefreshesOnceAndRetries() async throws {
        let serverClock = ManualClock()
        let clientClock = ManualClock(serverClock.now)
        try await APITestServer.with(clock: serverClock) { server in
            let store = temporaryCredentialStore()
            let client = try server.client(credentials: store, now: clientClock.provider)
            try await client.register(email: "max@example.org", password: Self.password)
            let before = try #require(await client.session)

            // The server's clock has passed the expiry, the client's has not:
            // the client sends the old token, gets token_expired, refreshes, retries.
            serverClock.advance(seconds: 16 * 60)
            let device = try await client.createDevice(
                CreateDeviceRequest(name: "Garage", kind: .agent, capabilities: Capabilities(camera: true, microphone: true)))
            #expect(device.name == "Garage")
            let after = try #require(await client.session)
            #expect(after.refreshToken != before.refreshToken)
            #expect(try store.load(server: server.address)?.refreshToken == after.refreshToken)
            #expect(try await client.devices().map(\.id) == [device.id])
        }
    }

    @Test func concurrentCallsShareOneRefresh() async throws {
        let clock = ManualClock()
        try await APITestServer.with(clock: clock) { server in
            let client = try server.client(now: clock.provider)
            try await client.register(email: "ned@example.org", password: Self.password)
            clock.advance(seconds: 20 * 60)
            // Were each call to refresh on its own, the second presentation of
            // the same refresh token would count as reuse and revoke the family.
            let emails = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 { group.addTask { try await client.me().email } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(emails == Array(repeating: "ned@example.org", count: 6))
            #expect(try await client.refresh().email == "ned@example.org")
        }
    }

    @Test func aRefreshThatCannotReachTheServerKeepsTheRememberedToken() async throws {
        let clock = ManualClock()
        let server = try await APITestServer.start(clock: clock)
        let store = temporaryCredentialStore()
        let client = APIClient(
            server: try server.address, transport: AsyncHTTPTransport(timeout: .seconds(2)), credentials: store,
            now: clock.provider)
        try await client.register(email: "otto@example.org", password: Self.password)
        let remembered = try #require(try store.load(server: server.address))
        try await server.stop()

        clock.advance(seconds: 20 * 60)
        do {
            _ = try await client.me()
            Issue.record("Expected a network failure")
        } catch .network {
        } catch {
            Issue.record("Expected .network, got \(error)")
        }
        // Nothing proves the token dead: it stays, in memory and on disk.
        #expect(try store.load(server: server.address) == remembered)
        #expect(await client.session?.refreshToken == remembered.refreshToken)
    }
}
