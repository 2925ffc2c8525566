import Foundation
import HummingbirdWSClient
import Logging
import StreamzProtocol

/// One WebSocket connection to the server as a device or a viewer.
final class BenchmarkSocket: Sendable {
    enum Command: Sendable {
        case send(String)
        case close
    }

    let deviceId: UUID?
    private let commands: AsyncStream<Command>.Continuation
    private let events: SocketEvents

    private init(deviceId: UUID?, commands: AsyncStream<Command>.Continuation, events: SocketEvents) {
        self.deviceId = deviceId
        self.commands = commands
        self.events = events
    }

    /// Opens the socket, sends `auth` and returns once `welcome` arrived.
    static func connect(port: Int, token: String, role: ConnectionRole, deviceId: UUID?) async throws -> BenchmarkSocket {
        let (stream, continuation) = AsyncStream.makeStream(of: Command.self)
        let events = SocketEvents()
        let socket = BenchmarkSocket(deviceId: deviceId, commands: continuation, events: events)
        var logger = Logger(label: "bench.ws")
        logger.logLevel = .critical
        let auth = try ClientEnvelope(.auth(.init(token: token, role: role, deviceId: deviceId))).encoded()
        Task {
            do {
                try await WebSocketClient.connect(
                    // The viewer's `devices` snapshot lists every device: far over the default 16 KiB at N = 1000.
                    url: "ws://127.0.0.1:\(port)/api/v1/ws", configuration: .init(maxFrameSize: 1 << 24, autoPing: .disabled),
                    logger: logger
                ) { inbound, outbound, _ in
                    try await outbound.write(.text(auth))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await message in inbound.messages(maxSize: 1 << 24) {
                                guard case .text(let text) = message, let decoded = try? ServerMessage.decode(text) else { continue }
                                switch decoded {
                                case .welcome: await events.welcomed()
                                case .deviceStatus(let status) where !status.online: await events.wentOffline(status.deviceId)
                                default: break
                                }
                            }
                        }
                        group.addTask {
                            for await command in stream {
                                switch command {
                                case .send(let text): try await outbound.write(.text(text))
                                case .close:
                                    try await outbound.close(.normalClosure, reason: nil)
                                    return
                                }
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                await events.ended(BenchmarkError("the socket closed"))
            } catch {
                await events.ended(error)
            }
        }
        try await events.waitForWelcome()
        return socket
    }

    /// Sends a heartbeat every `interval` until the socket is closed.
    func startHeartbeats(every interval: Duration) {
        let commands = commands
        Task {
            guard let heartbeat = try? ClientEnvelope(.heartbeat(.init())).encoded() else { return }
            while true {
                try await Task.sleep(for: interval)
                if case .terminated = commands.yield(.send(heartbeat)) { return }
            }
        }
    }

    func close() {
        commands.yield(.close)
        commands.finish()
    }

    /// Returns once this (viewer) socket has seen `device.status` offline for `id`.
    func awaitOffline(deviceId id: UUID) async throws {
        try await events.waitOffline(id)
    }
}

/// What the reader saw, for the benchmark's waits.
private actor SocketEvents {
    private var welcome: Result<Void, any Error>?
    private var welcomeWaiters: [CheckedContinuation<Void, any Error>] = []
    private var offline: Set<UUID> = []
    private var offlineWaiters: [UUID: CheckedContinuation<Void, any Error>] = [:]
    private var end: (any Error)?

    func welcomed() { settle(.success(())) }

    func ended(_ error: any Error) {
        end = error
        settle(.failure(error))
        for waiter in offlineWaiters.values { waiter.resume(throwing: error) }
        offlineWaiters.removeAll()
    }

    private func settle(_ result: Result<Void, any Error>) {
        guard welcome == nil else { return }
        welcome = result
        for waiter in welcomeWaiters { waiter.resume(with: result) }
        welcomeWaiters.removeAll()
    }

    func waitForWelcome() async throws {
        if let welcome { return try welcome.get() }
        try await withCheckedThrowingContinuation { welcomeWaiters.append($0) }
    }

    func wentOffline(_ id: UUID) {
        if let waiter = offlineWaiters.removeValue(forKey: id) {
            waiter.resume()
        } else {
            offline.insert(id)
        }
    }

    func waitOffline(_ id: UUID) async throws {
        if offline.remove(id) != nil { return }
        if let end { throw end }
        try await withCheckedThrowingContinuation { offlineWaiters[id] = $0 }
    }
}
