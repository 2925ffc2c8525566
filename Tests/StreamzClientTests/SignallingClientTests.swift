import StreamzRTC
import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// The signalling client against the live server and hub.
@Suite("Signalling: client against the live hub")
struct SignallingClientTests {
    static let password = APIClientErrorTests.password

    static func fastConfiguration() -> SignallingClient.Configuration {
        var configuration = SignallingClient.Configuration()
        configuration.backoff = BackoffPolicy(initial: .milliseconds(50), maximum: .milliseconds(400))
        configuration.requestTimeout = .seconds(5)
        // A socket accepted by a server that is shutting down may never get
        // `welcome`; the watchdog gives it up so the client retries.
        configuration.welcomeTimeout = .seconds(1)
        return configuration
    }

    /// A signed-in account with one device.
    static func account(on server: APITestServer, email: String) async throws -> (api: APIClient, device: Device) {
        let api = try server.client()
        try await api.register(email: email, password: password)
        let device = try await api.createDevice(
            CreateDeviceRequest(name: "Cam", kind: .agent, capabilities: Capabilities(camera: true, microphone: true)))
        return (api, device)
    }

    static func client(_ server: APITestServer, _ role: SignallingClient.Role, tokens: any AccessTokenSource, seed: UInt64 = 1)
        throws -> SignallingClient
    {
        SignallingClient(
            server: try server.address, role: role, tokens: tokens, configuration: fastConfiguration(),
            random: SeededRandom(seed: seed))
    }

    @Test func viewerGetsWelcomeThenTheDevicesSnapshot() async throws {
        try await APITestServer.with { server in
            let (api, device) = try await Self.account(on: server, email: "v1@example.org")
            let viewer = try Self.client(server, .viewer, tokens: api)
            let events = SignallingEventRecorder(viewer)
            await viewer.start()
            let welcome = try await events.online()
            #expect(welcome.role == .viewer)
            #expect(welcome.heartbeatInterval == 0.3)
            #expect(welcome.iceServers == [ICEServer(urls: ["stun:127.0.0.1:3478"])])
            #expect(!welcome.connectionId.isEmpty)
            #expect(await viewer.welcome == welcome)
            let devices = try await events.message { message -> [Device]? in
                if case .devices(let devices) = message { return devices }
                return nil
            }
            #expect(devices.map(\.id) == [device.id])
            await viewer.stop()
            #expect(try await events.signedOut() == .stopped)
            #expect(await viewer.state == .signedOut(.stopped))
        }
    }

    @Test func sessionStartIsAcknowledgedAndSignalsAreRelayed() async throws {
        try await APITestServer.with { server in
            let (api, device) = try await Self.account(on: server, email: "v2@example.org")
            let viewer = try Self.client(server, .viewer, tokens: api)
            let viewerEvents = SignallingEventRecorder(viewer)
            await viewer.start()
            _ = try await viewerEvents.online()

            let camera = try Self.client(server, .device(device.id), tokens: api)
            let cameraEvents = SignallingEventRecorder(camera)
            await camera.start()
            #expect(try await cameraEvents.online().role == .device)
            _ = try await viewerEvents.message { message -> Bool? in
                if case .deviceStatus(let status) = message, status.deviceId == device.id, status.online { return true }
                return nil
            }

            let ack = try await viewer.request(.sessionStart(.init(deviceId: device.id, sessionType: .both, quality: .low)))
            let session = try #require(ack.session)
            #expect(session.deviceId == device.id)
            #expect(session.state == .requested)
            let request = try await cameraEvents.message { message -> ServerMessage.SessionRequest? in
                if case .sessionRequest(let request) = message { return request }
                return nil
            }
            #expect(request.session.id == session.id)

            let offer = SignalMessage(sessionId: session.id, content: .description(SignalDescription(type: .offer, sdp: "v=0\r\n")))
            try await camera.send(.signal(offer))
            let relayed = try await viewerEvents.message { message -> SignalMessage? in
                if case .signal(let signal) = message { return signal }
                return nil
            }
            #expect(relayed == offer)

            // A request the server refuses comes back as its error, matched by replyTo.
            do throws(SignallingError) {
                _ = try await viewer.request(.sessionStart(.init(deviceId: UUID(), sessionType: .video, quality: .low)))
                Issue.record("A session on an unknown device should be refused")
            } catch .server(let code, let message) {
                #expect(code == "not_found")
                #expect(!message.isEmpty)
            }
            await viewer.stop()
            await camera.stop()
        }
    }

    @Test func restSessionBoundToTheViewerConnection() async throws {
        try await APITestServer.with { server in
            let (api, device) = try await Self.account(on: server, email: "v7@example.org")
            let viewer = try Self.client(server, .viewer, tokens: api)
            let viewerEvents = SignallingEventRecorder(viewer)
            await viewer.start()
            let welcome = try await viewerEvents.online()
            let camera = try Self.client(server, .device(device.id), tokens: api)
            let cameraEvents = SignallingEventRecorder(camera)
            await camera.start()
            _ = try await cameraEvents.online()
            _ = try await viewerEvents.message { message -> Bool? in
                if case .deviceStatus(let status) = message, status.deviceId == device.id, status.online { return true }
                return nil
            }

            // POST /sessions with the connectionId of welcome: the device is asked at once.
            let session = try await api.createSession(
                CreateSessionRequest(deviceId: device.id, type: .video, quality: .medium, connectionId: welcome.connectionId))
            #expect(session.state == .requested)
            let request = try await cameraEvents.message { message -> ServerMessage.SessionRequest? in
                if case .sessionRequest(let request) = message { return request }
                return nil
            }
            #expect(request.session.id == session.id)
            #expect(try await api.session(id: session.id).id == session.id)
            #expect(try await api.sessions(deviceId: device.id).map(\.id) == [session.id])

            // POST /sessions/{id}/end: both parties hear session.ended.
            let ended = try await api.endSession(id: session.id, reason: "user_closed")
            #expect(ended.state == .ended)
            for events in [viewerEvents, cameraEvents] {
                let reason = try await events.message { message -> String? in
                    if case .sessionEnded(let end) = message, end.sessionId == session.id { return end.reason }
                    return nil
                }
                #expect(reason.hasPrefix("user_closed"))
            }
            #expect(try await api.sessions(deviceId: device.id, state: .ended).map(\.id) == [session.id])
            await viewer.stop()
            await camera.stop()
        }
    }

    @Test func deviceHeartbeatsKeepItOnlineAndCarryNewCapabilities() async throws {
        try await APITestServer.with { server in
            let (api, device) = try await Self.account(on: server, email: "v6@example.org")
            let viewer = try Self.client(server, .viewer, tokens: api)
            let viewerEvents = SignallingEventRecorder(viewer)
            await viewer.start()
            _ = try await viewerEvents.online()
            let camera = try Self.client(server, .device(device.id), tokens: api)
            let cameraEvents = SignallingEventRecorder(camera)
            await camera.start()
            _ = try await cameraEvents.online()

            // The hub counts a device silent for 2.5 intervals (0.75 s here) as
            // offline and closes it; four intervals pass with only heartbeats.
            try await Task.sleep(for: .milliseconds(1200))
            #expect(try await api.device(id: device.id).online)
            let dropped = await cameraEvents.all.contains { event in
                if case .state(.reconnecting) = event { return true }
                return false
            }
            #expect(!dropped)

            try await camera.updateCapabilities(Capabilities(camera: false, microphone: true))
            let updated = try await viewerEvents.message { message -> Device? in
                if case .deviceUpdated(let updated) = message, updated.id == device.id { return updated }
                return nil
            }
            #expect(updated.capabilities == Capabilities(camera: false, microphone: true))
            let sawOffline = await viewerEvents.all.contains { event in
                if case .message(.deviceStatus(let status)) = event, status.deviceId == device.id, !status.online { return true }
                return false
            }
            #expect(!sawOffline)
            await camera.stop()
            await viewer.stop()
        }
    }

    @Test func removedDeviceIsSignedOutWith4410() async throws {
        try await APITestServer.with { server in
            let (api, device) = try await Self.account(on: server, email: "v3@example.org")
            let camera = try Self.client(server, .device(device.id), tokens: api)
            let events = SignallingEventRecorder(camera)
            await camera.start()
            _ = try await events.online()
            try await api.deleteDevice(id: device.id)
            guard case .closed(let code, _) = try await events.signedOut() else {
                Issue.record("Expected a close code")
                return
            }
            #expect(code == 4410)
            // Signed out for good: the event stream ends and nothing reconnects.
            #expect(!(await events.all.contains { event in
                if case .state(.reconnecting) = event { return true }
                return false
            }))
        }
    }

    @Test func replacedDeviceConnectionDoesNotFightBack() async throws {
        try await APITestServer.with { server in
            let (api, device) = try await Self.account(on: server, email: "v4@example.org")
            let first = try Self.client(server, .device(device.id), tokens: api)
            let firstEvents = SignallingEventRecorder(first)
            await first.start()
            _ = try await firstEvents.online()

            let second = try Self.client(server, .device(device.id), tokens: api)
            let secondEvents = SignallingEventRecorder(second)
            await second.start()
            _ = try await secondEvents.online()
            guard case .closed(let code, _) = try await firstEvents.signedOut() else {
                Issue.record("Expected a close code")
                return
            }
            #expect(code == 4409)
            guard case .online = await second.state else {
                Issue.record("The newer connection should stay online")
                return
            }
            await second.stop()
        }
    }

    @Test func aBadTokenIsSignedOutWith4401() async throws {
        struct BogusToken: AccessTokenSource {
            func validAccessToken() async throws(StreamzAPIError) -> String { "not.a.token" }
        }
        try await APITestServer.with { server in
            let viewer = try Self.client(server, .viewer, tokens: BogusToken())
            let events = SignallingEventRecorder(viewer)
            await viewer.start()
            guard case .closed(let code, _) = try await events.signedOut() else {
                Issue.record("Expected a close code")
                return
            }
            #expect(code == 4401)
        }
    }

    @Test func withoutALoginItIsSignedOutAtOnce() async throws {
        try await APITestServer.with { server in
            let viewer = try Self.client(server, .viewer, tokens: try server.client())
            let events = SignallingEventRecorder(viewer)
            await viewer.start()
            #expect(try await events.signedOut() == .authentication(.notSignedIn))
            await #expect(throws: SignallingError.notConnected) { try await viewer.send(.heartbeat(.init())) }
        }
    }

    @Test func sendingBeforeWelcomeIsNotConnected() async throws {
        try await APITestServer.with { server in
            let (api, _) = try await Self.account(on: server, email: "v5@example.org")
            let viewer = try Self.client(server, .viewer, tokens: api)
            await #expect(throws: SignallingError.notConnected) { try await viewer.send(.heartbeat(.init())) }
            await #expect(throws: SignallingError.notConnected) {
                _ = try await viewer.request(.heartbeat(.init()))
            }
        }
    }
}
