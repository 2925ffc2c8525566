import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import StreamzProtocol
@testable import StreamzServer

/// A live server on 127.0.0.1 (port 0) with only the hub's route, in-memory
/// stores, two users and the hub run after the application as production
/// should wire it.
struct LiveHub: Sendable {
    static let tokenA = "token-a"
    static let tokenB = "token-b"
    static let iceServers = [ICEServer(urls: ["stun:127.0.0.1:3478"])]

    let port: Int
    let hub: Hub
    let devices: InMemoryDeviceStore
    let sessions: InMemorySessionStore
    let userA: UUID
    let userB: UUID
    let serviceGroup: ServiceGroup

    /// Short timings so every case runs fast, yet long enough that a test
    /// machine busy with browsers and builds does not starve a socket into a
    /// timeout the case is not about (cases on silence set their own).
    static func fastConfiguration() -> HubConfiguration {
        var configuration = HubConfiguration()
        configuration.authTimeout = .seconds(1)
        configuration.heartbeatInterval = .seconds(2)
        configuration.sessionTimeout = .seconds(10)
        configuration.statsInterval = .milliseconds(300)
        configuration.closeGrace = .milliseconds(500)
        return configuration
    }

    static func run(
        _ configuration: HubConfiguration = fastConfiguration(),
        _ body: @Sendable (LiveHub) async throws -> Void
    ) async throws {
        let userA = UUID()
        let userB = UUID()
        let devices = InMemoryDeviceStore()
        let sessions = InMemorySessionStore()
        var logger = Logger(label: "test.hub")
        logger.logLevel = .critical
        let hub = Hub(
            configuration: configuration,
            tokens: TestTokenVerifier(users: [tokenA: userA, tokenB: userB]),
            devices: devices, sessions: sessions,
            iceServers: { _ in iceServers }, logger: logger)
        let router = Router(context: BasicWebSocketRequestContext.self)
        hub.addRoutes(to: router)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: Router(),
            server: .quiescingHTTP1WebSocketUpgrade(
                webSocketRouter: router, configuration: HubConfiguration.webSocketServerConfiguration),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .server(services: [app, hub], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next(), port > 0 else {
                await group.triggerGracefulShutdown()
                throw HubTestError(description: "The server did not start.")
            }
            let live = LiveHub(
                port: port, hub: hub, devices: devices, sessions: sessions,
                userA: userA, userB: userB, serviceGroup: group)
            do {
                try await body(live)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    func socket() -> TestSocket { TestSocket.connect(port: port) }

    /// A viewer of `token`'s user, past `welcome` and the `devices` snapshot.
    func viewer(_ token: String = tokenA) async throws -> (socket: TestSocket, welcome: ServerMessage.Welcome, devices: [Device]) {
        let socket = socket()
        try socket.send(.auth(.init(token: token, role: .viewer)))
        guard case .welcome(let welcome) = try await socket.next() else { throw HubTestError(description: "Expected welcome.") }
        guard case .devices(let devices) = try await socket.next() else { throw HubTestError(description: "Expected devices.") }
        return (socket, welcome, devices)
    }

    /// A device connection past `welcome`.
    func device(_ deviceId: UUID, token: String = tokenA) async throws -> TestSocket {
        let socket = socket()
        try socket.send(.auth(.init(token: token, role: .device, deviceId: deviceId)))
        guard case .welcome(let welcome) = try await socket.next(), welcome.role == .device else {
            throw HubTestError(description: "Expected a device welcome.")
        }
        return socket
    }

    /// A device that is online, as its owner's `viewer` has been told.
    func onlineDevice(_ deviceId: UUID, seenBy viewer: TestSocket, token: String = tokenA) async throws -> TestSocket {
        let socket = try await device(deviceId, token: token)
        _ = try await viewer.next { message -> Bool? in
            if case .deviceStatus(let status) = message, status.deviceId == deviceId, status.online { return true }
            return nil
        }
        return socket
    }
}
