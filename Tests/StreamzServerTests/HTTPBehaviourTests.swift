import Foundation
import Hummingbird
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("HTTP behaviour: errors, limits, CORS, rate limits")
struct HTTPBehaviourTests {
    struct SecretFailure: Error {
        let detail = "database password is hunter2"
    }

    @Test("unknown routes and methods answer 404 not_found in the error shape")
    func unknownRoutes() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            for (method, path) in [(HTTPRequest.Method.get, "/nowhere"), (.get, "/api/v1/nothing"), (.put, "/api/v1/healthz")] {
                let response = try await client.send(method, path)
                #expect(response.status == .notFound)
                #expect(response.error == ErrorBody.Detail(code: "not_found", message: APIError.notFound.message))
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("bodies over 64 KiB are 413 payload_too_large; 64 KiB of JSON is read")
    func bodyLimit() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let padding = String(repeating: " ", count: ServerConfiguration.maxBodySize)
            let big = try await client.send(.post, "/api/v1/auth/login", json: #"{"email":"a@b.c","password":"12345678"}"# + padding)
            #expect(big.status == .contentTooLarge)
            #expect(big.error?.code == "payload_too_large")
            let json = #"{"email":"a@b.c","password":"12345678"}"#
            let fits = try await client.send(.post, "/api/v1/auth/login", json: json + String(repeating: " ", count: ServerConfiguration.maxBodySize - json.utf8.count))
            #expect(fits.error?.code == "invalid_credentials")
        }
    }

    @Test("an unexpected error is 500 internal without its details")
    func internalError() async throws {
        let harness = try await Harness.make()
        harness.hub.failure.withLock { $0 = SecretFailure() }
        try await harness.application().test(.router) { client in
            let auth = try await client.register("vic@b.c")
            let response = try await client.send(
                .post, "/api/v1/sessions", token: auth.accessToken,
                body: CreateSessionRequest(deviceId: UUID(), type: .both, quality: .low, connectionId: "c"))
            #expect(response.status == .internalServerError)
            #expect(response.error?.code == "internal")
            #expect(!response.text.contains("hunter2") && !response.text.contains("SecretFailure"))
        }
    }

    @Test("CORS: a listed origin is echoed and preflights pass; others get no CORS headers")
    func cors() async throws {
        let harness = try await Harness.make { $0.corsOrigins = ["https://cam.example"] }
        try await harness.application().test(.router) { client in
            let allowed = try await client.send(.get, "/api/v1/healthz", headers: [.origin: "https://cam.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://cam.example")
            let denied = try await client.send(.get, "/api/v1/healthz", headers: [.origin: "https://evil.example"])
            #expect(denied.status == .ok)
            #expect(denied.headers[.accessControlAllowOrigin] == nil)

            let preflight = try await client.send(
                .options, "/api/v1/devices", headers: [.origin: "https://cam.example", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("PATCH") == true)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let deniedPreflight = try await client.send(
                .options, "/api/v1/devices", headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"])
            #expect(deniedPreflight.headers[.accessControlAllowOrigin] == nil)
            #expect(deniedPreflight.status == .forbidden)

            // Errors carry the header too, so a page can read the code.
            let error = try await client.send(.get, "/api/v1/me", headers: [.origin: "https://cam.example"])
            #expect(error.status == .unauthorized)
            #expect(error.headers[.accessControlAllowOrigin] == "https://cam.example")
        }
    }

    @Test("CORS is off by default")
    func corsDefault() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.get, "/api/v1/healthz", headers: [.origin: "https://cam.example"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test("the 11th login attempt in a minute is 429 rate_limited with Retry-After; the window then slides")
    func rateLimit() async throws {
        let clock = TestClock()
        let harness = try await Harness.make(clock: clock)
        try await harness.application().test(.router) { client in
            _ = try await client.register("wes@b.c")
            for attempt in 1...10 {
                let response = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "wes@b.c", password: "wrong \(attempt) password"))
                #expect(response.status == .unauthorized)
                clock.advance(seconds: 1)
            }
            let limited = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "wes@b.c", password: "correct horse battery"))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.error?.code == "rate_limited")
            #expect(limited.headers[.retryAfter] == "50")
            clock.advance(seconds: 50)
            let later = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "wes@b.c", password: "correct horse battery"))
            #expect(later.status == .ok)
        }
    }
}

@Suite("Rate limiter")
struct RateLimiterTests {
    @Test("keys are counted separately and any key over its limit refuses")
    func keys() throws {
        let limiter = RateLimiter(limit: 2, window: 60)
        let start = Date(timeIntervalSince1970: 0)
        try limiter.attempt(keys: ["address 1", "email a"], at: start)
        try limiter.attempt(keys: ["address 2", "email a"], at: start)
        // Third for email a from a new address: the email's bucket is full.
        #expect(throws: APIError.rateLimited(retryAfter: 60)) { try limiter.attempt(keys: ["address 3", "email a"], at: start) }
        // A refused attempt is not counted, so address 3 is still free.
        try limiter.attempt(keys: ["address 3", "email b"], at: start.addingTimeInterval(1))
        #expect(throws: APIError.rateLimited(retryAfter: 1)) { try limiter.attempt(keys: ["email a"], at: start.addingTimeInterval(59.5)) }
        try limiter.attempt(keys: ["email a"], at: start.addingTimeInterval(60))
    }
}
