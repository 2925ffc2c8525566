import Foundation
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Password reset")
struct PasswordResetTests {
    /// The token line of an outbox message.
    private func token(in mail: String) throws -> String {
        let lines = mail.split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("Reset token") })
        return try #require(lines.dropFirst(index + 1).first { !$0.isEmpty })
    }

    @Test("forgot answers 202 either way; only a real account gets mail; reset works once and revokes refresh tokens")
    func fullFlow() async throws {
        let harness = try await Harness.make(outbox: true)
        defer { harness.removeOutbox() }
        try await harness.application().test(.router) { client in
            let auth = try await client.register("gail@b.c", password: "old password 1")
            let unknown = try await client.send(.post, "/api/v1/auth/password/forgot", json: #"{"email":"nobody@b.c"}"#)
            #expect(unknown.status == .accepted)
            #expect(try harness.mails().isEmpty)

            let known = try await client.send(.post, "/api/v1/auth/password/forgot", json: #"{"email":"GAIL@b.c"}"#)
            #expect(known.status == .accepted)
            let mails = try harness.mails()
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.hasPrefix("To: gail@b.c\n"))
            let resetToken = try token(in: mail)

            let short = try await client.send(.post, "/api/v1/auth/password/reset", body: ResetPasswordRequest(token: resetToken, password: "short"))
            #expect(short.error?.field == "password")

            let reset = try await client.send(.post, "/api/v1/auth/password/reset", body: ResetPasswordRequest(token: resetToken, password: "new password 2"))
            #expect(reset.status == .noContent)

            let oldLogin = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "gail@b.c", password: "old password 1"))
            #expect(oldLogin.error?.code == "invalid_credentials")
            let newLogin = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "gail@b.c", password: "new password 2"))
            #expect(newLogin.status == .ok)
            let oldRefresh = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: auth.refreshToken))
            #expect(oldRefresh.status == .unauthorized)

            let again = try await client.send(.post, "/api/v1/auth/password/reset", body: ResetPasswordRequest(token: resetToken, password: "third password"))
            #expect(again.status == .badRequest)
            #expect(again.error?.field == "token")

            let bad = try await client.send(.post, "/api/v1/auth/password/forgot", json: #"{"email":"not an email"}"#)
            #expect(bad.error?.field == "email")
        }
    }

    @Test("a reset token expires after an hour")
    func expiry() async throws {
        let clock = TestClock()
        let harness = try await Harness.make(clock: clock, outbox: true)
        defer { harness.removeOutbox() }
        try await harness.application().test(.router) { client in
            _ = try await client.register("hal@b.c")
            _ = try await client.send(.post, "/api/v1/auth/password/forgot", json: #"{"email":"hal@b.c"}"#)
            let resetToken = try token(in: try #require(try harness.mails().first))
            clock.advance(seconds: 3601)
            let late = try await client.send(.post, "/api/v1/auth/password/reset", body: ResetPasswordRequest(token: resetToken, password: "new password 2"))
            #expect(late.error?.code == "validation_failed")
            #expect(late.error?.field == "token")
        }
    }
}
