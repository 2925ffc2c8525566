import Foundation
import Testing
import StreamzProtocol
import StreamzRTC
@testable import StreamzClient

/// A `ViewerSession` given offers it must refuse: it fails with the contract's code and finishes
/// its events. No server: the signalling client is never started, so its sends are dropped.
@Suite("ViewerSession refuses bad offers")
struct ViewerSessionOfferTests {
    static func viewer(type: SessionType = .both, signalling given: SignallingClient? = nil) async throws -> ViewerSession {
        let signalling = try given ?? SignallingClient(server: try ServerAddress("http://127.0.0.1:9"), role: .viewer, tokens: NoTokens())
        let session = Session(id: UUID(), deviceId: UUID(), type: type, quality: .low, state: .requested, createdAt: Date())
        return try await ViewerSession(session: session, iceServers: [], signalling: signalling,
                                       options: .init(peer: SessionPeerOptions(loopbackOnly: true), connectTimeout: .seconds(60)))
    }

    /// Our own device's offer (VP8 + Opus), as text.
    static func deviceOffer() async throws -> String {
        let runtime = try SessionPeerOptions(loopbackOnly: true).makeRuntime(role: .device(RuntimeTestSupport.deviceOptions))
        defer { runtime.close() }
        return try await runtime.createOffer().sdpText
    }

    static func failure(of viewer: ViewerSession) async -> SessionFailure? {
        for await event in viewer.events {
            if case .failed(let failure) = event { return failure }
        }
        return nil
    }

    @Test("an offer without VP8 or Opus fails with unsupported_codec naming what was offered")
    func unsupportedCodec() async throws {
        let offer = try await Self.deviceOffer()
            .replacingOccurrences(of: "VP8/90000", with: "H264/90000")
            .replacingOccurrences(of: "opus/48000/2", with: "PCMU/8000")
        let viewer = try await Self.viewer()
        await viewer.receive(.description(.init(type: .offer, sdp: offer)))
        let failure = try #require(await Self.failure(of: viewer))
        #expect(failure.code == "unsupported_codec", "\(failure)")
        #expect(failure.message.contains("H264") || failure.message.contains("PCMU"), "\(failure)")
    }

    @Test("an offer whose only candidate answers nothing fails with ice_failed naming the pairs tried")
    func iceFailed() async throws {
        // Port 9 (discard) on loopback: nothing listens, so every check goes unanswered.
        let offer = try await Self.deviceOffer()
            .replacingOccurrences(of: #"127\.0\.0\.1 \d+ typ host"#, with: "127.0.0.1 9 typ host", options: .regularExpression)
        #expect(offer.contains("127.0.0.1 9 typ host"))
        // The answer must go out, so this viewer has a live signalling connection (the server
        // refuses signals for this made-up session; the viewer does not depend on it).
        try await APITestServer.with { server in
            let api = try server.client()
            try await api.register(email: "ice-\(UUID().uuidString.prefix(8).lowercased())@example.com", password: "correct horse battery")
            let signalling = SignallingClient(server: try server.address, role: .viewer, tokens: api)
            let recorder = SignallingEventRecorder(signalling)
            await signalling.start()
            _ = try await recorder.next { event -> Bool? in if case .state(.online) = event { true } else { nil } }
            let viewer = try await Self.viewer(signalling: signalling)
            await viewer.receive(.description(.init(type: .offer, sdp: offer)))
            await viewer.receive(.endOfCandidates)
            let failure = try #require(await Self.failure(of: viewer))
            #expect(failure.code == "ice_failed", "\(failure)")
            #expect(failure.message.contains("127.0.0.1:9") && failure.message.contains("tried"), "\(failure)")
            await signalling.stop()
        }
    }

    @Test("garbage instead of an offer fails the session with a clear code, never a crash")
    func garbageOffer() async throws {
        var random = SystemRandomNumberGenerator()
        let noise = String(decoding: (0..<300).map { _ in UInt8.random(in: 0...255, using: &random) }, as: UTF8.self)
        for text in ["", "v=0", noise, "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video"] {
            let viewer = try await Self.viewer()
            await viewer.receive(.description(.init(type: .offer, sdp: text)))
            let failure = try #require(await Self.failure(of: viewer), "no failure for \(text.debugDescription)")
            #expect(!failure.code.isEmpty)
        }
    }

    @Test("the server ending a session before it connected is a failure with the server's reason")
    func endedBeforeConnected() async throws {
        let viewer = try await Self.viewer()
        await viewer.serverEnded(reason: "timeout")
        #expect(await Self.failure(of: viewer) == SessionFailure(code: "timeout", message: "timeout"))
    }

    @Test("a router replays the messages that came before the session was attached, in order")
    func routerReplays() async throws {
        let viewer = try await Self.viewer()
        let router = ViewerSessionRouter()
        #expect(await router.route(.sessionEnded(.init(sessionId: viewer.id, reason: "device_offline: gone"))))
        #expect(await !router.route(.devices([])))
        await router.attach(viewer)
        #expect(await Self.failure(of: viewer)?.code == "device_offline")
    }
}

/// Signalling that is never started needs no token.
struct NoTokens: AccessTokenSource {
    func validAccessToken() async throws(StreamzAPIError) -> String { throw .notSignedIn }
}
