import Foundation
import StreamzClient

#if canImport(Glibc)
import Glibc
#endif

/// `streamz serve` on 127.0.0.1 with a free port and a temporary database, for tests that run the
/// built binaries end to end.
final class EndToEndServer: @unchecked Sendable {
    let port: Int
    let process: StreamzProcess
    let directory: URL
    var url: String { "http://127.0.0.1:\(port)" }

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        process = try StreamzProcess.streamz("serve", [
            "serve", "--host", "127.0.0.1", "--port", String(port),
            "--db", directory.appendingPathComponent("e2e.db").path, "--bcrypt-cost", "4", "--heartbeat-interval", "2",
        ])
        try await waitUntilHealthy(seconds: 30)
    }

    /// Polls `/api/v1/healthz` until it answers 200.
    private func waitUntilHealthy(seconds: Double) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let api = try client()
        while ContinuousClock.now < deadline {
            if (try? await api.health()) != nil { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StreamzProcess.Failure(description: "streamz serve did not become healthy: \(process.errorOutput.suffix(2000))")
    }

    /// A REST client of this server.
    func client() throws -> APIClient { APIClient(server: try ServerAddress(url)) }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A port the kernel hands out for 127.0.0.1, released again for the server.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StreamzProcess.Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw StreamzProcess.Failure(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// An account for one test: a unique email and the password every process reads from STREAMZ_PASSWORD.
/// `XDG_CONFIG_HOME` points at a folder of its own, so the logins `watch` remembers never touch
/// the machine user's credentials file.
struct EndToEndAccount {
    let email = "e2e-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    let password = "correct horse battery"
    let configHome = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-e2e-config-\(UUID().uuidString)").path
    var environment: [String: String] { ["STREAMZ_PASSWORD": password, "XDG_CONFIG_HOME": configHome] }
}
