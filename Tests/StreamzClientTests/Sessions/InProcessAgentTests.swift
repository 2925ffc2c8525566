import Foundation
import Testing
import StreamzProtocol
import StreamzRTC
@testable import StreamzClient

/// A `DeviceAgent` embedded in the test process (as `streamz demo` runs it) and a `ViewerSession`
/// on one signalling connection, through the in-process server on 127.0.0.1.
@Suite("DeviceAgent and ViewerSession in process", .serialized)
struct InProcessAgentTests {
    static let login = AccountLogin(email: "agent-\(UUID().uuidString.prefix(8).lowercased())@example.com",
                                    password: "correct horse battery", register: true)

    /// Runs `body` with an online agent named "desk" and a viewer connection with its router.
    static func withAgent(_ sources: AgentSources,
                          _ body: (DeviceAgent, SignallingClient, ViewerSessionRouter, APIClient) async throws -> Void) async throws {
        try await APITestServer.with { server in
            let agent = DeviceAgent(.init(server: try server.address, login: login, deviceName: "desk", sources: sources,
                                          peer: SessionPeerOptions(loopbackOnly: true)))
            let running = Task { try await agent.run() }
            var events = agent.events.makeAsyncIterator()
            while let event = await events.next() { if case .online = event { break } }

            let api = try server.client()
            try await api.login(email: login.email, password: login.password)
            let signalling = SignallingClient(server: try server.address, role: .viewer, tokens: api)
            let router = ViewerSessionRouter()
            let (online, onlineSink) = AsyncStream.makeStream(of: Void.self)
            let follower = Task {
                for await event in signalling.events {
                    if case .state(.online) = event { onlineSink.yield() }
                    if case .message(let message) = event { await router.route(message) }
                }
            }
            await signalling.start()
            for await _ in online { break }
            do {
                try await body(agent, signalling, router, api)
            } catch {
                follower.cancel()
                await signalling.stop()
                await agent.stop()
                throw error
            }
            follower.cancel()
            await signalling.stop()
            await agent.stop()
            try await running.value
        }
    }

    static func start(_ type: SessionType, _ quality: Quality, on signalling: SignallingClient, router: ViewerSessionRouter,
                      agent: DeviceAgent) async throws -> ViewerSession {
        let id = try #require(await agent.device?.id)
        let viewer = try await ViewerSession.start(deviceId: id, type: type, quality: quality, on: signalling,
                                                   options: .init(peer: SessionPeerOptions(loopbackOnly: true)))
        await router.attach(viewer)
        return viewer
    }

    @Test("session.quality changes the picture size live, without renegotiation")
    func liveQualityChange() async throws {
        try await Self.withAgent(AgentSources(video: .testPattern, audio: .tone)) { agent, signalling, router, _ in
            let viewer = try await Self.start(.video, .low, on: signalling, router: router, agent: agent)
            var sizes: [String] = []
            var asked = false
            let deadline = ContinuousClock.now + .seconds(40)
            for await event in viewer.events {
                guard ContinuousClock.now < deadline else { break }
                guard case .videoFrame(let decoded) = event else {
                    if case .failed(let failure) = event { Issue.record("failed: \(failure)") }
                    continue
                }
                let size = "\(decoded.frame.width)x\(decoded.frame.height)"
                if sizes.last != size { sizes.append(size) }
                if !asked, size == "320x240" {
                    asked = true
                    try await viewer.setQuality(.medium)
                }
                if size == "640x480" { break }
            }
            #expect(sizes.first == "320x240" && sizes.last == "640x480", "sizes seen: \(sizes)")
            await viewer.stop()
        }
    }

    @Test("an audio-only agent refuses a video session with capability_missing; serves an audio one")
    func audioOnlyAgent() async throws {
        try await Self.withAgent(AgentSources(video: .none, audio: .tone)) { agent, signalling, router, _ in
            let id = try #require(await agent.device?.id)
            do throws(SessionFailure) {
                _ = try await ViewerSession.start(deviceId: id, type: .video, quality: .low, on: signalling)
                Issue.record("a video session on an audio-only device started")
            } catch {
                #expect(error.code == "capability_missing", "\(error)")
            }
            let viewer = try await Self.start(.audio, .low, on: signalling, router: router, agent: agent)
            var levels: [Double] = []
            for await event in viewer.events {
                if case .audioLevel(let level) = event { levels.append(level.rmsDBFS) }
                if case .failed(let failure) = event { Issue.record("failed: \(failure)") }
                if levels.count >= 50 { break }
            }
            let recent = levels.suffix(25)
            #expect(!recent.isEmpty && recent.allSatisfy { abs($0 - -15.05) < 1.5 }, "levels \(Array(recent))")
            #expect(await agent.activeSessions.count == 1)
            await viewer.stop()
        }
    }

    @Test("both parties report session.stats every second: the server keeps the viewer's and the device's")
    func statsReachTheServer() async throws {
        try await Self.withAgent(AgentSources(video: .testPattern, audio: .tone)) { agent, signalling, router, api in
            let viewer = try await Self.start(.both, .low, on: signalling, router: router, agent: agent)
            var reports = 0
            for await event in viewer.events {
                if case .stats = event { reports += 1 }
                if case .failed(let failure) = event { Issue.record("failed: \(failure)") }
                if reports >= 3 { break }
            }
            let session = try await api.session(id: viewer.id)
            #expect(session.state == .connected)
            let stats = try #require(session.stats, "no viewer stats stored")
            let sender = try #require(session.senderStats, "no sender stats stored")
            #expect(stats.width == 320 && stats.height == 240, "\(stats)")
            #expect(stats.connectionType == .p2p && stats.localCandidateType == .host)
            #expect((sender.bitrateKbps ?? 0) > 0, "\(sender)")
            #expect(sender.connectionType == .p2p)
            await viewer.stop()
        }
    }
}
