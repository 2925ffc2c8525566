import Foundation
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Auth endpoints")
struct AuthEndpointTests {
    @Test("register: 201 with user and tokens; the email is trimmed and lower-cased")
    func registerSucceeds() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let response = try await client.send(.post, "/api/v1/auth/register", json: #"{"email":"  Ada@Example.COM ","password":"correct horse battery"}"#)
            #expect(response.status == .created)
            let auth = try response.decode(AuthResponse.self)
            #expect(auth.user.email == "ada@example.com")
            #expect(auth.expiresIn == 900)
            #expect(!auth.accessToken.isEmpty && !auth.refreshToken.isEmpty)
            #expect(response.text.contains(auth.user.id.wireString))
        }
    }

    @Test("register: each field's validation error, email_taken, malformed JSON")
    func registerErrors() async throws {
        let clock = TestClock()
        let harness = try await Harness.make(clock: clock)
        try await harness.application().test(.router) { client in
            let cases: [(String, String)] = [
                (#"{"email":"no-at-sign","password":"correct horse"}"#, "email"),
                (#"{"email":"a@@b","password":"correct horse"}"#, "email"),
                (#"{"email":"@b.c","password":"correct horse"}"#, "email"),
                (#"{"email":"a@","password":"correct horse"}"#, "email"),
                (#"{"email":"\#(String(repeating: "a", count: 250))@b.cd","password":"correct horse"}"#, "email"),
                (#"{"email":"a@b.c","password":"short"}"#, "password"),
                (#"{"email":"a@b.c","password":"\#(String(repeating: "é", count: 37))"}"#, "password"),
                (#"{"email":"a@b.c"}"#, "password"),
                (#"{"email":"a@b.c","password":"abcdefgh\u0000ij"}"#, "password"),
                (#"{"email":42,"password":"correct horse"}"#, "email"),
            ]
            for (json, field) in cases {
                let response = try await client.send(.post, "/api/v1/auth/register", json: json)
                #expect(response.status == .badRequest, "\(json)")
                #expect(response.error?.code == "validation_failed", "\(json)")
                #expect(response.error?.field == field, "\(json)")
            }
            for garbage in ["{\"email\":", "not json", "[1,2]", "\u{0}\u{7f}"] {
                let response = try await client.send(.post, "/api/v1/auth/register", json: garbage)
                #expect(response.status == .badRequest)
                #expect(response.error?.code == "malformed_json")
            }
            // Every attempt above counted against the rate limit; start a new window.
            clock.advance(seconds: 60)
            // 72 bytes exactly (36 two-byte characters) is accepted, never truncated.
            _ = try await client.register("long@b.c", password: String(repeating: "é", count: 36))
            _ = try await client.register("taken@b.c")
            let again = try await client.send(.post, "/api/v1/auth/register", json: #"{"email":"TAKEN@b.c","password":"another password"}"#)
            #expect(again.status == .conflict)
            #expect(again.error?.code == "email_taken")
        }
    }

    @Test("login: 200 with the right password, invalid_credentials otherwise")
    func login() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let registered = try await client.register("bob@b.c")
            let ok = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "Bob@B.c", password: "correct horse battery"))
            #expect(ok.status == .ok)
            #expect(try ok.decode(AuthResponse.self).user == registered.user)
            for (email, password) in [("bob@b.c", "wrong password"), ("nobody@b.c", "correct horse battery")] {
                let bad = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: email, password: password))
                #expect(bad.status == .unauthorized)
                #expect(bad.error?.code == "invalid_credentials")
            }
            // 72 bytes that match, plus more: bcrypt would ignore the tail, the server does not.
            let exact = String(repeating: "p", count: 72)
            _ = try await client.register("long@b.c", password: exact)
            let longer = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "long@b.c", password: exact + "tail"))
            #expect(longer.error?.code == "invalid_credentials")
            let withNul = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "long@b.c", password: exact.prefix(10) + "\u{0}x"))
            #expect(withNul.error?.code == "invalid_credentials")
            let invalid = try await client.send(.post, "/api/v1/auth/login", json: #"{"email":"bob","password":"x"}"#)
            #expect(invalid.error?.code == "validation_failed")
        }
    }

    @Test("refresh rotates the token; the old one stops working; reuse revokes the family")
    func refreshRotationAndReuse() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let first = try await client.register("carol@b.c")
            let second = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: first.refreshToken))
            #expect(second.status == .ok)
            let rotated = try second.decode(AuthResponse.self)
            #expect(rotated.refreshToken != first.refreshToken)
            #expect(rotated.user == first.user)

            // The rotated-away token is reuse: refused, and the family's live token dies with it.
            let reuse = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: first.refreshToken))
            #expect(reuse.status == .unauthorized)
            #expect(reuse.error?.code == "unauthorized")
            let afterReuse = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: rotated.refreshToken))
            #expect(afterReuse.status == .unauthorized)

            // Another login's family is untouched.
            let login = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "carol@b.c", password: "correct horse battery"))
            let other = try login.decode(AuthResponse.self)
            let fine = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: other.refreshToken))
            #expect(fine.status == .ok)

            let unknown = try await client.send(.post, "/api/v1/auth/refresh", json: #"{"refreshToken":"nonsense"}"#)
            #expect(unknown.error?.code == "unauthorized")
            let missing = try await client.send(.post, "/api/v1/auth/refresh", json: "{}")
            #expect(missing.error?.field == "refreshToken")
        }
    }

    @Test("refresh tokens expire after 30 days")
    func refreshExpiry() async throws {
        let clock = TestClock()
        let harness = try await Harness.make(clock: clock)
        try await harness.application().test(.router) { client in
            let auth = try await client.register("dora@b.c")
            clock.advance(seconds: 30 * 24 * 3600 + 1)
            let late = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: auth.refreshToken))
            #expect(late.status == .unauthorized)
        }
    }

    @Test("logout: 204 revokes that refresh token; needs an access token")
    func logout() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let auth = try await client.register("erin@b.c")
            let anonymous = try await client.send(.post, "/api/v1/auth/logout", body: RefreshTokenRequest(refreshToken: auth.refreshToken))
            #expect(anonymous.status == .unauthorized)
            let out = try await client.send(.post, "/api/v1/auth/logout", token: auth.accessToken, body: RefreshTokenRequest(refreshToken: auth.refreshToken))
            #expect(out.status == .noContent)
            let refresh = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: auth.refreshToken))
            #expect(refresh.status == .unauthorized)
            let malformed = try await client.send(.post, "/api/v1/auth/logout", token: auth.accessToken, json: "nope")
            #expect(malformed.error?.code == "malformed_json")
        }
    }

    @Test("me: 200 with the user; 401 without, with garbage, token_expired after 15 minutes")
    func me() async throws {
        let clock = TestClock()
        let harness = try await Harness.make(clock: clock)
        try await harness.application().test(.router) { client in
            let auth = try await client.register("finn@b.c")
            let me = try await client.send(.get, "/api/v1/me", token: auth.accessToken)
            #expect(me.status == .ok)
            #expect(try me.decode(UserResponse.self).user == auth.user)
            #expect(try await client.send(.get, "/api/v1/me").error?.code == "unauthorized")
            #expect(try await client.send(.get, "/api/v1/me", token: "a.b.c").error?.code == "unauthorized")
            #expect(try await client.send(.get, "/api/v1/me", headers: [.authorization: "Basic Zm9vOmJhcg=="]).status == .unauthorized)
            clock.advance(seconds: 15 * 60 + 1)
            let expired = try await client.send(.get, "/api/v1/me", token: auth.accessToken)
            #expect(expired.status == .unauthorized)
            #expect(expired.error?.code == "token_expired")
        }
    }
}
