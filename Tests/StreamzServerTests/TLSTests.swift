import Foundation
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("TLS serving")
struct TLSTests {
    /// A throwaway certificate for localhost made with the openssl tool.
    private func makeCertificate(in folder: URL) throws -> (certificate: String, key: String) {
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return (certificate, key)
    }

    @Test("--tls-cert/--tls-key serve HTTPS on 127.0.0.1", .timeLimit(.minutes(1)))
    func servesHTTPS() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-tls-\(UUID().wireString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (certificate, key) = try makeCertificate(in: folder)
        let harness = try await Harness.make { configuration in
            configuration.tlsCertificatePath = certificate
            configuration.tlsKeyPath = key
        }
        try await harness.application().test(.ahc(.https)) { client in
            let health = try await client.send(.get, "/api/v1/healthz")
            #expect(health.status == .ok)
            let auth = try await client.register("yara@b.c")
            #expect(try await client.send(.get, "/api/v1/me", token: auth.accessToken).status == .ok)
        }
    }

    @Test("--tls-self-signed makes its own certificate and serves HTTPS", .timeLimit(.minutes(1)))
    func selfSigned() async throws {
        let harness = try await Harness.make { $0.tlsSelfSigned = true }
        try await harness.application().test(.ahc(.https)) { client in
            let health = try await client.send(.get, "/api/v1/healthz")
            #expect(health.status == .ok)
        }
    }

    @Test("an unreadable certificate is refused at start-up")
    func badCertificate() async throws {
        let harness = try await Harness.make { configuration in
            configuration.tlsCertificatePath = "/nonexistent/cert.pem"
            configuration.tlsKeyPath = "/nonexistent/key.pem"
        }
        #expect(throws: ConfigurationError.self) { _ = try harness.application() }
    }
}
