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

    /// Starts the server on a port the system picks (port 0) and returns
    /// once it listens: no port is chosen first and then lost to another
    /// process before the bind.
    static func start(configuration base: ServerConfiguration, logger: Logger) async throws -> EmbeddedServer {
        var configuration = base
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let runtime = try await buildLiveServer(configuration: configuration, logger: logger) { channel in
            portSink.yield(channel.localAddress?.port ?? 0)
        }
        let group = runtime.serviceGroup(handlingSignals: false)
        let exit = ExitNote()
        let running = Task {
            defer { portSink.finish() }
            do { try await group.run() } catch { exit.note("\(error)") }
            exit.note("stopped")
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            await running.value
            throw Failure(description: "The embedded server did not start: \(exit.reason ?? "it reported no port")")
        }
        return EmbeddedServer(address: try ServerAddress("http://127.0.0.1:\(port)"), group: group, running: running)
    }

    /// Closes every connection (1001) and waits until the server is gone.
    func stop() async {
        await group.triggerGracefulShutdown()
        await running.value
    }
}

/// Why the server's task ended, first reason wins (an error before "stopped").
private final class ExitNote: Sendable {
    private let first = Mutex<String?>(nil)

    var reason: String? { first.withLock { $0 } }

    func note(_ reason: String) { first.withLock { $0 = $0 ?? reason } }
}
