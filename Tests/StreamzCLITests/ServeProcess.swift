import Foundation
import StreamzClient

/// `streamz serve` as a child process on a free loopback port with a
/// temporary database (bcrypt cost 4, so sign-ins are quick). Its output
/// goes to a file in its folder, shown when it fails to start.
final class ServeProcess: @unchecked Sendable {
    let port: Int
    let folder: URL
    let address: ServerAddress
    private let process: Process
    private let extraArguments: [String]

    var databasePath: String { folder.appendingPathComponent("streamz.db").path }
    var logPath: String { folder.appendingPathComponent("serve.log").path }

    private init(port: Int, folder: URL, process: Process, extraArguments: [String]) throws {
        self.port = port
        self.folder = folder
        self.process = process
        self.extraArguments = extraArguments
        address = try ServerAddress("http://127.0.0.1:\(port)")
    }

    /// Starts a server and returns when it answers `/api/v1/healthz`.
    static func start(arguments: [String] = []) async throws -> ServeProcess {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var problem = ""
        // A port picked free can be taken before the child binds it: try another.
        for _ in 0..<5 {
            let port = try freeLoopbackPort()
            let process = try launch(port: port, folder: folder, arguments: arguments)
            let server = try ServeProcess(port: port, folder: folder, process: process, extraArguments: arguments)
            if try await server.waitUntilHealthy() { return server }
            problem = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? "no output"
            server.terminate()
        }
        throw CLITestFailure(description: "streamz serve did not start: \(problem.suffix(2000))")
    }

    private static func launch(port: Int, folder: URL, arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try StreamzBinary.require())
        process.arguments = ["serve", "--port", "\(port)", "--db", folder.appendingPathComponent("streamz.db").path,
                             "--bcrypt-cost", "4"] + arguments
        let logURL = folder.appendingPathComponent("serve.log")
        if !FileManager.default.fileExists(atPath: logURL.path) { _ = FileManager.default.createFile(atPath: logURL.path, contents: nil) }
        let log = try FileHandle(forWritingTo: logURL)
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls the health endpoint for up to 60 s (a loaded machine starts slowly); false if the child exited.
    private func waitUntilHealthy() async throws -> Bool {
        let api = APIClient(server: address)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if !process.isRunning { return false }
            if (try? await api.health()) != nil { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// The same server again on the same port and database, as after a restart.
    func restart() async throws -> ServeProcess {
        let process = try Self.launch(port: port, folder: folder, arguments: extraArguments)
        let server = try ServeProcess(port: port, folder: folder, process: process, extraArguments: extraArguments)
        guard try await server.waitUntilHealthy() else {
            throw CLITestFailure(description: "streamz serve did not restart on \(port)")
        }
        return server
    }

    /// SIGTERM (a graceful shutdown: sockets closed with 1001), SIGKILL after 20 s.
    func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<400 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// How the child ended after `terminate(within:)`.
    enum Ending: Equatable, Sendable {
        case exited(status: Int32)
        case killedBy(signal: Int32)
        /// Still running at the bound: it was killed (SIGKILL) so the run goes on.
        case stillRunning
    }

    /// SIGTERM, then waits (off the cooperative pool) up to `limit` for the
    /// server to exit on its own; past it the server is killed.
    func terminate(within limit: Duration) async -> Ending {
        let process = self.process
        process.terminate()
        let deadline = ContinuousClock.now + limit
        let exited = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
                continuation.resume(returning: !process.isRunning)
            }
        }
        guard exited else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return .stillRunning
        }
        process.waitUntilExit()
        return process.terminationReason == .exit
            ? .exited(status: process.terminationStatus) : .killedBy(signal: process.terminationStatus)
    }

    /// Stops the server and deletes its folder.
    func stop() {
        terminate()
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { terminate() }

    static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CLITestFailure(description: "socket failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw CLITestFailure(description: "bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
