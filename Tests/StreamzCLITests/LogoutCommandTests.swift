import Foundation
import StreamzClient
import Testing

/// `streamz logout` (PROTOCOL.md §5), the built binary against `streamz serve`.
@Suite("streamz logout", .serialized)
struct LogoutCommandTests {
    @Test func forgetsTheLoginAndRevokesItOnTheServer() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-logout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let credentials = CredentialStore(directory: home.appendingPathComponent("config/streamz", isDirectory: true))
        try await APIClient(server: server.address, credentials: credentials).register(email: "amy@example.org",
                                                                                      password: MonitorHarness.password)
        let remembered = try #require(try credentials.load(server: server.address))
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                           "STREAMZ_SERVER": server.address.normalized]
        let binary = try StreamzBinary.require()

        // The server comes from STREAMZ_SERVER.
        let first = try await ProcessRunner.runDetached(binary, ["logout"], environment: environment)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("Logged out of \(server.address.normalized) as amy@example.org"))
        #expect(try credentials.load(server: server.address) == nil)
        // The refresh token is dead on the server: resuming from a copy of it is refused.
        let copy = CredentialStore(directory: home.appendingPathComponent("copy/streamz", isDirectory: true))
        try copy.save(remembered, server: server.address)
        await #expect(throws: StreamzAPIError.self) { try await APIClient(server: server.address, credentials: copy).resume() }

        let again = try await ProcessRunner.runDetached(binary, ["logout", "--server", server.address.normalized], environment: environment)
        #expect(again.status == 0)
        #expect(again.output.contains("No login is remembered"))

        let bad = try await ProcessRunner.runDetached(binary, ["logout", "--server", "ftp://nowhere"], environment: environment)
        #expect(bad.status != 0)
        #expect(bad.errors.contains("the scheme must be http or https"))
    }
}
