import Foundation
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWebSocket
import Logging
import Testing
@testable import StreamzServer

@Suite("WebSocket seam")
struct WebSocketSeamTests {
    @Test("a WebSocket route added to buildRouter's router upgrades on the same server", .timeLimit(.minutes(1)))
    func upgradeOnSameRouter() async throws {
        let harness = try await Harness.make()
        var logger = Logger(label: "streamz.test")
        logger.logLevel = .warning
        let router = buildRouter(
            RouterDependencies(
                storage: harness.storage, sessionControl: harness.hub, deviceEvents: harness.hub,
                hubCounters: { HubCounters() }, configuration: harness.configuration,
                mailer: LogMailer(logger: logger), now: harness.clock.provider, logger: logger))
        // What the hub will do with /api/v1/ws, reduced to an echo.
        router.ws("api/v1/echo") { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: ServerConfiguration.maxBodySize) {
                if case let .text(text) = message { try await outbound.write(.text("echo " + text)) }
            }
        }
        let app = try buildApplication(configuration: harness.configuration, router: router, logger: logger)
        let clientLogger = logger
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let health = try await client.send(.get, "/api/v1/healthz")
            #expect(health.status == .ok)
            _ = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/api/v1/echo", logger: clientLogger) { inbound, outbound, _ in
                try await outbound.write(.text("hello"))
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                let reply = try await messages.next()
                #expect(reply == .text("echo hello"))
            }
        }
    }
}
