import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// Reconnecting across a server restart (PROTOCOL.md §3: 1001 on shutdown,
/// clients come back with backoff), with a token refresh when the access
/// token expired while the server was away.
@Suite("Signalling: reconnect after a server restart")
struct SignallingReconnectTests {
    @Test func viewerAndDeviceComeBackAfterARestart() async throws {
        let clock = ManualClock()
        let first = try await APITestServer.start(clock: clock)
        let (api, device) = try await SignallingClientTests.account(on: first, email: "r1@example.org")
        let viewer = try SignallingClientTests.client(first, .viewer, tokens: api, seed: 7)
        let camera = try SignallingClientTests.client(first, .device(device.id), tokens: api, seed: 8)
        let viewerEvents = SignallingEventRecorder(viewer)
        let cameraEvents = SignallingEventRecorder(camera)
        await viewer.start()
        await camera.start()
        let firstWelcome = try await viewerEvents.online()
        _ = try await cameraEvents.online()
        let tokensBefore = try #require(await api.session)

        try await first.stop()
        // The hub closed with 1001 "going away": the client retries, with backoff.
        let (delay, attempt) = try await viewerEvents.state { state -> (Duration, Int)? in
            if case .reconnecting(let delay, let attempt) = state { return (delay, attempt) }
            return nil
        }
        #expect(attempt == 1)
        #expect(delay >= .milliseconds(25) && delay <= .milliseconds(50))
        // While the server is down, further attempts back off further.
        let later = try await viewerEvents.state { state -> Int? in
            if case .reconnecting(_, let attempt) = state, attempt >= 3 { return attempt }
            return nil
        }
        #expect(later >= 3)

        // The access token expires while the server is away: the next attempt refreshes first.
        clock.advance(seconds: 20 * 60)
        let second = try await APITestServer.start(port: first.port, databasePath: first.databasePath, clock: clock)
        let secondWelcome = try await viewerEvents.online(within: .seconds(20))
        #expect(secondWelcome.connectionId != firstWelcome.connectionId)
        let snapshot = try await viewerEvents.message { message -> [Device]? in
            if case .devices(let devices) = message { return devices }
            return nil
        }
        _ = try await cameraEvents.online(within: .seconds(20))
        let tokensAfter = try #require(await api.session)
        #expect(tokensAfter.refreshToken != tokensBefore.refreshToken)

        // The reconnected viewer works: it can start a session on the reconnected device.
        if !snapshot.contains(where: { $0.id == device.id && $0.online }) {
            _ = try await viewerEvents.message { message -> Bool? in
                if case .deviceStatus(let status) = message, status.deviceId == device.id, status.online { return true }
                return nil
            }
        }
        let ack = try await viewer.request(.sessionStart(.init(deviceId: device.id, sessionType: .audio, quality: .low)))
        #expect(ack.session?.deviceId == device.id)

        await viewer.stop()
        await camera.stop()
        try await second.stop()
    }
}
