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
    /// A hub service stand-in: notes that it ran and that it was told to stop.
    final class ProbeService: Service, Sendable {
        let events = Mutex<[String]>([])
        func run() async throws {
            events.withLock { $0.append("started") }
            try? await gracefulShutdown()
            events.withLock { $0.append("stopped") }
        }
    }

    @Test("opens the file, marks devices offline, wires hub parts, runs and stops hub services", .timeLimit(.minutes(1)))
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
        let probe = ProbeService()
        let hubs = Mutex<[RecordingHub]>([])
        let app = try await buildServer(configuration: configuration, logger: logger, now: clock.provider) { storage in
            let hub = RecordingHub(storage: storage, clock: clock)
            hubs.withLock { $0.append(hub) }
            return HubComponents(
                sessionControl: hub, deviceEvents: hub, counters: { HubCounters(viewersConnected: 7) }, services: [probe],
                addRoutes: { router in
                    router.ws("api/v1/ws") { _, outbound, _ in try await outbound.write(.text("welcome")) }
                })
        }
        let clientLogger = logger
        try await app.test(.live) { client in
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
            #expect(probe.events.withLock { $0 } == ["started"])
        }
        #expect(probe.events.withLock { $0 } == ["started", "stopped"])
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
