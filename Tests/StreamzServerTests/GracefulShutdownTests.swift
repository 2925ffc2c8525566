import Foundation
import Logging
import ServiceLifecycle
import StreamzTestSupport
import Synchronization
import Testing
@testable import StreamzServer

/// The whole server as `streamz serve` composes it (`buildLiveServer`,
/// `ServerRuntime.serviceGroup`), shut down the way SIGTERM does it, with
/// connections a real client leaves behind. Before the fix recorded in
/// DECISIONS.md a connection that never sent a request held the shutdown
/// for good, every time.
@Suite("Graceful shutdown", .serialized)
struct GracefulShutdownTests {
    /// Generous against a loaded machine, yet short of forever: a healthy
    /// shutdown here takes well under a second, the stalled one the limit.
    static let bound: Duration = ServiceGroupConfiguration.serverGracefulShutdownLimit * 2

    @Test("ends promptly with a silent, a half-sent and a kept-alive connection and an idle WebSocket; the socket gets 1001",
          .timeLimit(.minutes(1)))
    func idleConnectionsDoNotHoldTheShutdown() async throws {
        let server = try await LiveServer.start()
        let token = try await server.register()
        // Opened first: once a later connection is served, the server has accepted this one (accept order).
        let silent = try RawConnection(port: server.port)
        let halfSent = try RawConnection(port: server.port)
        try halfSent.send("GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let keptAlive = try RawConnection(port: server.port)
        try keptAlive.send("GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try await keptAlive.readResponse().status == "HTTP/1.1 200 OK")
        let viewer = try await RawConnection.webSocket(port: server.port)
        try viewer.sendText(#"{"type":"auth","token":"\#(token)","role":"viewer"}"#)
        let greeting = await viewer.readFrames(until: { $0.text?.contains(#""type":"welcome""#) == true })
        #expect(greeting.end == .satisfied)

        let started = ContinuousClock.now
        let outcome = await server.stop(within: Self.bound)
        #expect(outcome == .finished, "the shutdown did not end within \(Self.bound)")
        #expect(ContinuousClock.now - started < Self.bound)

        #expect(await silent.readToEnd().end == .closed)
        #expect(await halfSent.readToEnd().end == .closed)
        #expect(await keptAlive.readToEnd().end == .closed)
        let goodbye = await viewer.readFrames(until: { $0.opcode == 0x8 })
        #expect(goodbye.frames.last?.closeCode == 1001)
    }

    @Test("a request whose body never comes is cut off at the limit", .timeLimit(.minutes(1)))
    func aStalledRequestIsCutOffAtTheLimit() async throws {
        let server = try await LiveServer.start()
        let stalled = try RawConnection(port: server.port)
        try stalled.send(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"email\"")
        // A whole request served after the stalled head was sent: by then the server has read that head.
        let probe = try RawConnection(port: server.port)
        try probe.send("GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(try await probe.readResponse().status == "HTTP/1.1 200 OK")

        let outcome = await server.stop(within: Self.bound)
        #expect(outcome == .finished, "the shutdown did not end within \(Self.bound)")
        #expect(await stalled.readToEnd().end == .closed)
    }
}

/// `buildLiveServer` on a port the system picks, run by its own service group.
private struct LiveServer {
    enum Outcome: Equatable, Sendable {
        case finished, failed(String), timedOut
    }

    let port: Int
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let folder: URL

    static func start() async throws -> LiveServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-shutdown-\(UUID().wireString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = ServerConfiguration()
        configuration.databasePath = folder.appendingPathComponent("streamz.db").path
        configuration.bcryptCost = 4
        configuration.host = "127.0.0.1"
        configuration.port = 0
        var logger = Logger(label: "streamz.shutdown-test")
        logger.logLevel = .critical
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let runtime = try await buildLiveServer(configuration: configuration, logger: logger) { channel in
            sink.yield(channel.localAddress?.port ?? 0)
        }
        let group = runtime.serviceGroup(handlingSignals: false)
        let running = Task {
            defer { sink.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            throw RawConnection.Failure(description: "The server did not start.")
        }
        return LiveServer(port: port, group: group, running: running, folder: folder)
    }

    /// Registers an account over a plain connection and returns its access token.
    func register() async throws -> String {
        let connection = try RawConnection(port: port)
        let body = #"{"email":"idle@example.org","password":"correct horse battery"}"#
        try connection.send(
            "POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        let response = try await connection.readResponse()
        let json = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
        guard let token = json?["accessToken"] as? String else {
            throw RawConnection.Failure(description: "register answered \(response.status): \(response.body)")
        }
        return token
    }

    /// Starts the graceful shutdown SIGTERM would start and waits for the group to end, at most `limit`.
    func stop(within limit: Duration) async -> Outcome {
        defer { try? FileManager.default.removeItem(at: folder) }
        await group.triggerGracefulShutdown()
        let first = FirstOutcome()
        let running = self.running
        let outcome = await withCheckedContinuation { continuation in
            first.waiting(continuation)
            Task {
                do {
                    try await running.value
                    first.resume(with: .finished)
                } catch {
                    first.resume(with: .failed("\(error)"))
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                first.resume(with: .timedOut)
            }
        }
        if outcome == .timedOut { running.cancel() }
        return outcome
    }
}

/// Resumes a continuation once, with whichever outcome comes first.
private final class FirstOutcome: Sendable {
    private let continuation = Mutex<CheckedContinuation<LiveServer.Outcome, Never>?>(nil)

    func waiting(_ continuation: CheckedContinuation<LiveServer.Outcome, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(with outcome: LiveServer.Outcome) {
        continuation.withLock { $0.take() }?.resume(returning: outcome)
    }
}
