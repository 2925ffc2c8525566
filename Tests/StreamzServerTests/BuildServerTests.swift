import Foundation
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import StreamzProtocol
import Synchronization
import Testing
@testable import StreamzServer

@Suite("buildServer")
struct BuildServerTests {
    /// A hub service stand-in: tells when it runs and when it is told to stop.
    final class ProbeService: Service, Sendable {
        let events: AsyncStream<String>
        private let continuation: AsyncStream<String>.Continuation

        init() { (events, continuation) = AsyncStream.makeStream() }

        func run() async throws {
            continuation.yield("started")
            try? await gracefulShutdown()
            continuation.yield("stopped")
            continuation.finish()
        }
    }

    @Test("opens the file, marks devices offline, wires the hub's REST seam, counters and routes", .timeLimit(.minutes(1)))
    func wiresEverything() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-build-\(UUID().wireString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration()
        configuration.databasePath = folder.appendingPathComponent("streamz.db").path
        configuration.bcryptCost = 4
        configuration.port = 0

        // A previous run left a device online.
        let clock = TestClock()
        let previous = try await ServerStorage.open(configuration: configuration, now: clock.provider)
        let user = try await previous.accounts.createUser(email: "zed@b.c", passwordHash: try await PasswordHasher(cost: 4).hash("correct horse battery"), at: clock.now)
        let device = try await previous.devices.create(
            ownerId: user.id, name: "Left on", kind: .agent, platform: nil, capabilities: Capabilities(camera: true, microphone: true), at: clock.now)
        _ = try await previous.devices.setPresence(deviceId: device.id, online: true, lastSeenAt: clock.now)

        var logger = Logger(label: "streamz.test")
        logger.logLevel = .warning
        let hubs = Mutex<[RecordingHub]>([])
        let app = try await buildServer(configuration: configuration, logger: logger, now: clock.provider) { storage in
            let hub = RecordingHub(storage: storage, clock: clock)
            hubs.withLock { $0.append(hub) }
            return HubComponents(
                sessionControl: hub, deviceEvents: hub, counters: { HubCounters(viewersConnected: 7) },
                addRoutes: { router in
                    // Like the hub: greet, then serve until the client closes.
                    router.ws("api/v1/ws") { inbound, outbound, _ in
                        try await outbound.write(.text("welcome"))
                        for try await _ in inbound {}
                    }
                })
        }
        let clientLogger = logger
        try await app.application.test(.live) { client in
            let login = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "zed@b.c", password: "correct horse battery"))
            let auth = try login.decode(AuthResponse.self)
            let devices = try await client.send(.get, "/api/v1/devices", token: auth.accessToken).decode(DeviceListResponse.self).devices
            #expect(devices.map(\.online) == [false])
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains("streamz_viewers_connected 7"))

            _ = try await client.send(.patch, "/api/v1/devices/\(device.id.wireString)", token: auth.accessToken, json: #"{"name":"Renamed"}"#)
            #expect(hubs.withLock { $0.first?.calls } == [.updated(deviceId: device.id, name: "Renamed", ownerId: user.id)])

            let port = try #require(client.port)
            _ = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/api/v1/ws", logger: clientLogger) { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                let first = try await messages.next()
                #expect(first == .text("welcome"))
            }
        }
    }

    @Test("the runtime's service group runs the hub's services and stops them on graceful shutdown", .timeLimit(.minutes(1)))
    func servicesRunAndStop() async throws {
        var configuration = ServerConfiguration()
        configuration.databasePath = nil
        configuration.bcryptCost = 4
        configuration.port = 0
        let probe = ProbeService()
        var logger = Logger(label: "streamz.test")
        logger.logLevel = .warning
        let runtime = try await buildServer(configuration: configuration, logger: logger) { storage in
            let hub = RecordingHub(storage: storage, clock: TestClock())
            return HubComponents(sessionControl: hub, deviceEvents: hub, counters: { HubCounters() }, services: [probe])
        }
        let group = runtime.serviceGroup()
        var events = probe.events.makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await events.next() == "started")
            await group.triggerGracefulShutdown()
            #expect(await events.next() == "stopped")
            try await tasks.waitForAll()
        }
    }

    @Test("an invalid configuration is refused before anything opens")
    func refusesBadConfiguration() async throws {
        var configuration = ServerConfiguration()
        configuration.databasePath = nil
        configuration.bcryptCost = 2
        await #expect(throws: ConfigurationError.self) {
            _ = try await buildServer(configuration: configuration) { _ in
                Issue.record("makeHub must not run for a refused configuration")
                throw ConfigurationError(message: "unreachable")
            }
        }
    }
}
