import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import StreamzClient
import StreamzProtocol
import StreamzServer
import Synchronization

/// A clock tests move by hand, shared by the server (token issue and expiry)
/// and, where a test wants it, the client.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    var provider: @Sendable () -> Date { { [self] in self.now } }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// The whole server as `streamz serve` wires it (GRDB storage in a file, the
/// REST router, the WebSocket hub on `/api/v1/ws`), live on 127.0.0.1. It
/// can be stopped and started again on the same port with the same
/// database, as a restart would.
final class APITestServer: Sendable {
    let port: Int
    let databasePath: String
    let clock: ManualClock
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    var address: ServerAddress {
        get throws { try ServerAddress("http://127.0.0.1:\(port)") }
    }

    private init(port: Int, databasePath: String, clock: ManualClock, group: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.databasePath = databasePath
        self.clock = clock
        self.group = group
        self.running = running
    }

    /// A fresh temporary database path.
    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("streamz-client-\(UUID().uuidString).db").path
    }

    /// Starts the server; `port` 0 lets the system choose.
    static func start(
        port: Int = 0, databasePath: String = temporaryDatabase(), clock: ManualClock = ManualClock(),
        hubConfiguration: HubConfiguration = fastHub(), configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> APITestServer {
        var configuration = ServerConfiguration()
        configuration.databasePath = databasePath
        configuration.bcryptCost = 4
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.stunURLs = ["stun:127.0.0.1:3478"]
        configure(&configuration)
        var logger = Logger(label: "streamz.client-test")
        logger.logLevel = .critical

        // The composition of `buildServer` (storage, REST router, the hub's
        // route, its WebSocket limits, the hub as a service after the
        // application), spelled out because the test needs the bound port
        // from `onServerRunning`, which `buildServer` does not expose: a port
        // picked beforehand could be taken meanwhile by another test.
        let storage = try await ServerStorage.open(configuration: configuration, now: clock.provider)
        try await storage.resetPresence(at: clock.provider())
        let hub = Hub(
            configuration: hubConfiguration, tokens: storage.accessTokens, devices: storage.devices,
            sessions: storage.sessions, iceServers: { _ in [ICEServer(urls: ["stun:127.0.0.1:3478"])] }, logger: logger)
        let router = buildRouter(
            RouterDependencies(
                storage: storage, sessionControl: hub, deviceEvents: hub, hubCounters: { await hub.counters },
                configuration: configuration, mailer: try makeMailer(configuration: configuration, logger: logger),
                now: clock.provider, logger: logger))
        hub.addRoutes(to: router)

        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: .quiescingHTTP1WebSocketUpgrade(
                webSocketRouter: router, configuration: HubConfiguration.webSocketServerConfiguration),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .server(services: [app, hub], logger: logger))
        let running = Task {
            defer { portSink.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw TestFailure(description: "The server did not start on port \(port).")
        }
        return APITestServer(port: bound, databasePath: databasePath, clock: clock, group: group, running: running)
    }

    /// Short hub timings so signalling tests run fast.
    static func fastHub() -> HubConfiguration {
        var configuration = HubConfiguration()
        configuration.authTimeout = .seconds(2)
        configuration.heartbeatInterval = .milliseconds(300)
        configuration.closeGrace = .milliseconds(300)
        return configuration
    }

    /// Shuts down gracefully (the hub closes every socket with 1001) and waits until it is gone.
    /// The server bounds its own shutdown (`serverGracefulShutdownLimit`); should it ever not (a
    /// connection that never sent a request used to hold it for good, see DECISIONS.md), the test
    /// fails after `shutdownDeadline` saying so, rather than stalling the whole run.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        let first = FirstOutcome()
        let running = self.running
        let result = await withCheckedContinuation { continuation in
            first.waiting(continuation)
            Task {
                do { try await running.value; first.resume(with: .success(())) } catch { first.resume(with: .failure(error)) }
            }
            Task {
                try? await Task.sleep(for: Self.shutdownDeadline)
                first.resume(with: nil)
            }
        }
        guard let result else {
            running.cancel()
            throw TestFailure(description: "The server's graceful shutdown did not finish within \(Self.shutdownDeadline).")
        }
        try result.get()
    }

    /// Three times the server's own limit: only a shutdown that ignores that limit gets here.
    static let shutdownDeadline: Duration = ServiceGroupConfiguration.serverGracefulShutdownLimit * 3

    /// Runs `body` against a fresh server and stops it afterwards, even when `body` throws.
    static func with<T: Sendable>(
        clock: ManualClock = ManualClock(), configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (APITestServer) async throws -> T
    ) async throws -> T {
        let server = try await start(clock: clock, configure: configure)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// A client of this server; `credentials` defaults to none remembered.
    func client(credentials: CredentialStore? = nil, now: (@Sendable () -> Date)? = nil) throws -> APIClient {
        APIClient(server: try address, credentials: credentials, now: now ?? clock.provider)
    }
}

/// A credentials folder under the temporary directory, unique per test.
func temporaryCredentialStore() -> CredentialStore {
    CredentialStore(
        directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("streamz-credentials-\(UUID().uuidString)/streamz", isDirectory: true))
}

/// Resumes a continuation once, with whichever outcome comes first (`nil`: the deadline).
private final class FirstOutcome: Sendable {
    private let continuation = Mutex<CheckedContinuation<Result<Void, any Error>?, Never>?>(nil)

    func waiting(_ continuation: CheckedContinuation<Result<Void, any Error>?, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(with outcome: Result<Void, any Error>?) {
        continuation.withLock { $0.take() }?.resume(returning: outcome)
    }
}
