import Foundation
import Logging
import ServiceLifecycle
import StreamzClient
import StreamzServer
import Synchronization

/// `streamz serve` inside this process, for `streamz demo`: the same server
/// (`buildLiveServer`) on a free loopback port with the given database. It
/// installs no signal handlers: Ctrl-C belongs to the monitor, which quits,
/// after which the demo stops the server.
final class EmbeddedServer: Sendable {
    let address: ServerAddress
    private let group: ServiceGroup
    private let running: Task<Void, Never>

    private init(address: ServerAddress, group: ServiceGroup, running: Task<Void, Never>) {
        self.address = address
        self.group = group
        self.running = running
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the server and returns once it answers `/api/v1/healthz`. A
    /// port taken between choosing and binding it is retried with another.
    static func start(configuration base: ServerConfiguration, logger: Logger) async throws -> EmbeddedServer {
        var lastProblem = "no attempt"
        for _ in 0..<5 {
            var configuration = base
            configuration.host = "127.0.0.1"
            configuration.port = try freeLoopbackPort()
            let runtime = try await buildLiveServer(configuration: configuration, logger: logger)
            let group = runtime.serviceGroup(handlingSignals: false)
            let exit = ExitNote()
            let running = Task {
                do { try await group.run() } catch { exit.note("\(error)") }
                exit.note("stopped")
            }
            let address = try ServerAddress("http://127.0.0.1:\(configuration.port)")
            let api = APIClient(server: address)
            // 20 s: a loaded machine may take a while to bring up the event loops.
            for _ in 0..<400 {
                if let problem = exit.reason {
                    lastProblem = problem
                    break
                }
                if (try? await api.health()) != nil { return EmbeddedServer(address: address, group: group, running: running) }
                try await Task.sleep(for: .milliseconds(50))
            }
            await group.triggerGracefulShutdown()
            await running.value
            if exit.reason == "stopped" { lastProblem = "it did not answer within 20 s" }
        }
        throw Failure(description: "The embedded server did not start: \(lastProblem)")
    }

    /// Closes every connection (1001) and waits until the server is gone.
    func stop() async {
        await group.triggerGracefulShutdown()
        await running.value
    }

    /// A port the system has free on 127.0.0.1 now (bind to port 0, read it, close).
    static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why the server's task ended, first reason wins (an error before "stopped").
private final class ExitNote: Sendable {
    private let first = Mutex<String?>(nil)

    var reason: String? { first.withLock { $0 } }

    func note(_ reason: String) { first.withLock { $0 = $0 ?? reason } }
}
