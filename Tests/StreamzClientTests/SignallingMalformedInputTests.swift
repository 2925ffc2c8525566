import StreamzRTC
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import StreamzClient
import StreamzProtocol
import Testing

/// The client against a scripted WebSocket server that sends what our hub
/// never would: garbage frames, unknown types, or no `welcome` at all.
@Suite("Signalling: malformed and missing server messages")
struct SignallingMalformedInputTests {
    struct FixedToken: AccessTokenSource {
        func validAccessToken() async throws(StreamzAPIError) -> String { "token" }
    }

    /// Runs a server whose `/api/v1/ws` handler is `script`, then `body` with its port.
    static func withScriptedServer(
        _ script: @escaping @Sendable (WebSocketInboundStream, WebSocketOutboundWriter) async throws -> Void,
        _ body: (Int) async throws -> Void
    ) async throws {
        var logger = Logger(label: "streamz.scripted")
        logger.logLevel = .critical
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/api/v1/ws") { inbound, outbound, _ in try await script(inbound, outbound) }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: Router(),
            server: .quiescingHTTP1WebSocketUpgrade(webSocketRouter: router, configuration: .init()),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .server(services: [app], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw TestFailure(description: "The server did not start.") }
        do {
            try await body(port)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await running.value
    }

    static func viewer(port: Int) throws -> SignallingClient {
        SignallingClient(
            server: try ServerAddress("http://127.0.0.1:\(port)"), role: .viewer, tokens: FixedToken(),
            configuration: SignallingClientTests.fastConfiguration(), random: SeededRandom(seed: 3))
    }

    static let welcome = ServerMessage.welcome(.init(connectionId: "c1", role: .viewer, heartbeatInterval: 10, iceServers: []))

    @Test func garbageFramesAreSkippedAndTheConnectionLives() async throws {
        let garbage = [
            "", "not json", "[1,2,3]", "{\"no\":\"type\"}", "{\"type\":\"from.the.future\"}", "{\"type\":\"welcome\"}",
            "{\"type\":\"devices\",\"devices\":[{\"id\":\"nope\"}]}", "{\"type\":\"signal\",\"sessionId\":\"x\"}",
            String(decoding: (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37) }, as: UTF8.self),
        ]
        try await Self.withScriptedServer({ inbound, outbound in
            var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
            guard case .text(let first) = try await messages.next(), case .auth = try ClientEnvelope.decode(first).message else {
                try await outbound.close(.unknown(4401), reason: "auth first")
                return
            }
            try await outbound.write(.binary(ByteBuffer(bytes: [0xFF, 0x00, 0x13])))
            for text in garbage { try await outbound.write(.text(text)) }
            try await outbound.write(.text(try Self.welcome.encoded()))
            try await outbound.write(.text(try ServerMessage.devices([]).encoded()))
            while try await messages.next() != nil {}
        }) { port in
            let viewer = try Self.viewer(port: port)
            let events = SignallingEventRecorder(viewer)
            await viewer.start()
            #expect(try await events.online().connectionId == "c1")
            let devices = try await events.message { message -> [Device]? in
                if case .devices(let devices) = message { return devices }
                return nil
            }
            #expect(devices.isEmpty)
            // Nothing but the welcome and the snapshot came through.
            let messages = await events.all.compactMap { event -> ServerMessage? in
                if case .message(let message) = event { return message }
                return nil
            }
            #expect(messages == [Self.welcome, .devices([])])
            await viewer.stop()
        }
    }

    @Test func aServerThatNeverWelcomesIsRetried() async throws {
        try await Self.withScriptedServer({ inbound, _ in
            // Reads the auth and stays silent.
            for try await _ in inbound {}
        }) { port in
            let viewer = try Self.viewer(port: port)
            let events = SignallingEventRecorder(viewer)
            await viewer.start()
            let attempt = try await events.state { state -> Int? in
                if case .reconnecting(_, let attempt) = state { return attempt }
                return nil
            }
            #expect(attempt == 1)
            #expect(await !(events.all.contains { if case .state(.online) = $0 { return true } else { return false } }))
            await viewer.stop()
            #expect(await viewer.state == .signedOut(.stopped))
        }
    }

    @Test func unansweredRequestsTimeOut() async throws {
        try await Self.withScriptedServer({ inbound, outbound in
            var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
            _ = try await messages.next()
            try await outbound.write(.text(try Self.welcome.encoded()))
            // Requests are read and never answered.
            while try await messages.next() != nil {}
        }) { port in
            let viewer = try Self.viewer(port: port)
            let events = SignallingEventRecorder(viewer)
            await viewer.start()
            _ = try await events.online()
            await #expect(throws: SignallingError.timedOut) {
                _ = try await viewer.request(.heartbeat(.init()), timeout: .milliseconds(200))
            }
            await viewer.stop()
        }
    }
}
