import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// Errors as the real server answers them, decoded into `StreamzAPIError`
/// with the server's code, message, field, status and Retry-After intact.
@Suite("API client: typed errors from the live server")
struct APIClientErrorTests {
    static let password = "correct horse battery"

    /// The `ServerError` inside `error`, or a test failure.
    static func serverError(_ body: () async throws(StreamzAPIError) -> Void) async throws -> ServerError {
        do {
            try await body()
        } catch .server(let error) {
            return error
        } catch {
            throw TestFailure(description: "Expected a server error, got \(error)")
        }
        throw TestFailure(description: "Expected a server error, the call succeeded")
    }

    @Test func wrongPasswordIsInvalidCredentials() async throws {
        try await APITestServer.with { server in
            let client = try server.client()
            try await client.register(email: "ada@example.org", password: Self.password)
            let error = try await Self.serverError { () async throws(StreamzAPIError) in
                try await client.login(email: "ada@example.org", password: "not the password")
            }
            #expect(error.status == 401)
            #expect(error.code == ServerErrorCode.invalidCredentials)
            #expect(error.message == "Email or password is incorrect.")
            #expect(error.field == nil)
        }
    }

    @Test func validationFailureNamesTheField() async throws {
        try await APITestServer.with { server in
            let client = try server.client()
            let error = try await Self.serverError { () async throws(StreamzAPIError) in
                try await client.register(email: "no-at-sign", password: Self.password)
            }
            #expect(error.status == 400)
            #expect(error.code == ServerErrorCode.validationFailed)
            #expect(error.field == "email")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func duplicateEmailIsEmailTaken() async throws {
        try await APITestServer.with { server in
            try await server.client().register(email: "bob@example.org", password: Self.password)
            let second = try server.client()
            let error = try await Self.serverError { () async throws(StreamzAPIError) in
                try await second.register(email: "bob@example.org", password: Self.password)
            }
            #expect(error.status == 409)
            #expect(error.code == ServerErrorCode.emailTaken)
        }
    }

    @Test func rateLimitKeepsRetryAfter() async throws {
        try await APITestServer.with(configure: { $0.authAttemptsPerMinute = 2 }) { server in
            let client = try server.client()
            for _ in 0..<2 {
                _ = try? await client.login(email: "carol@example.org", password: Self.password)
            }
            let error = try await Self.serverError { () async throws(StreamzAPIError) in
                try await client.login(email: "carol@example.org", password: Self.password)
            }
            #expect(error.status == 429)
            #expect(error.code == ServerErrorCode.rateLimited)
            let retryAfter = try #require(error.retryAfter)
            #expect(retryAfter > .zero && retryAfter <= .seconds(60))
        }
    }

    @Test func anotherUsersDeviceIsNotFound() async throws {
        try await APITestServer.with { server in
            let owner = try server.client()
            try await owner.register(email: "owner@example.org", password: Self.password)
            let device = try await owner.createDevice(
                CreateDeviceRequest(name: "Kitchen", kind: .agent, capabilities: Capabilities(camera: true, microphone: true)))
            let stranger = try server.client()
            try await stranger.register(email: "stranger@example.org", password: Self.password)
            let error = try await Self.serverError { () async throws(StreamzAPIError) in
                _ = try await stranger.device(id: device.id)
            }
            #expect(error.status == 404)
            #expect(error.code == ServerErrorCode.notFound)
        }
    }

    @Test func sessionWithoutAViewerConnectionIsRefused() async throws {
        try await APITestServer.with { server in
            let client = try server.client()
            try await client.register(email: "dan@example.org", password: Self.password)
            let device = try await client.createDevice(
                CreateDeviceRequest(name: "Porch", kind: .agent, capabilities: Capabilities(camera: true, microphone: false)))
            let error = try await Self.serverError { () async throws(StreamzAPIError) in
                _ = try await client.createSession(
                    CreateSessionRequest(deviceId: device.id, type: .video, quality: .low, connectionId: "nobody"))
            }
            #expect(error.status == 400 || error.status == 409)
            #expect(!error.code.isEmpty)
        }
    }

    @Test func callsWithoutASessionAreNotSignedIn() async throws {
        try await APITestServer.with { server in
            let client = try server.client()
            await #expect(throws: StreamzAPIError.notSignedIn) { try await client.devices() }
        }
    }

    @Test func unreachableServerIsANetworkError() async throws {
        // Start and stop a server: its port is then known to have no listener.
        let server = try await APITestServer.start()
        let client = APIClient(server: try server.address, transport: AsyncHTTPTransport(timeout: .seconds(2)))
        try await server.stop()
        do {
            _ = try await client.health()
            Issue.record("Expected a network failure")
        } catch .network(let detail) {
            #expect(!detail.isEmpty)
        } catch {
            Issue.record("Expected .network, got \(error)")
        }
    }
}
