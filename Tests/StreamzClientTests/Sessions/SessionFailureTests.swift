import Foundation
import Testing
import StreamzProtocol
import StreamzRTC
@testable import StreamzClient

@Suite("Session failures and source choices")
struct SessionFailureTests {
    @Test("a reason splits into code and detail at the first ': '")
    func parsesReasons() {
        let failure = SessionFailure(reason: "unsupported_codec: offered H264 only: really")
        #expect(failure.code == "unsupported_codec")
        #expect(failure.message == "offered H264 only: really")
        #expect(SessionFailure(reason: "timeout") == SessionFailure(code: "timeout", message: "timeout"))
        #expect(SessionFailure(reason: "").code == "")
    }

    @Test("the wire reason is one line: ICE's multi-line report is joined")
    func oneLineReason() {
        let failure = SessionFailure(RTCPeerFailure(code: "ice_failed", detail: "ICE failed: no candidate pair worked\n1 pair(s) tried:\n  host 127.0.0.1:5000"))
        #expect(failure.reason == "ice_failed: ICE failed: no candidate pair worked; 1 pair(s) tried:; host 127.0.0.1:5000")
        #expect(!failure.reason.contains("\n"))
        #expect(SessionFailure(code: "timeout", message: "timeout").reason == "timeout")
    }

    @Test("server and transport errors keep the contract's codes")
    func mapsErrors() {
        #expect(SessionFailure(SignallingError.server(code: "device_offline", message: "The device is offline.")).code == "device_offline")
        #expect(SessionFailure(SignallingError.timedOut).code == "timeout")
        #expect(SessionFailure(SignallingError.disconnected).code == "server_unreachable")
        #expect(SessionFailure(StreamzAPIError.server(ServerError(status: 409, code: "capability_missing", message: "No camera."))).code == "capability_missing")
        #expect(SessionFailure(StreamzAPIError.network("refused")).code == "server_unreachable")
        let negotiation = SessionFailure(peerError: RTCPeerError.negotiation(SDPNegotiationError(code: "unsupported_codec", detail: "offered H264 only")))
        #expect(negotiation == SessionFailure(code: "unsupported_codec", message: "offered H264 only"))
    }

    @Test("--video and --audio accept the contract's choices and refuse anything else")
    func sourceChoices() throws {
        #expect(try VideoSourceChoice(argument: "testsrc") == .testPattern)
        #expect(try VideoSourceChoice(argument: "NONE") == VideoSourceChoice.none)
        #expect(try VideoSourceChoice(argument: "clip.IVF") == .ivf(path: "clip.IVF"))
        #expect(try VideoSourceChoice(argument: "/tmp/a.y4m") == .y4m(path: "/tmp/a.y4m"))
        for bad in ["camera", "", "clip.mp4", "ivf"] {
            #expect(throws: MediaSourceChoiceError.self) { try VideoSourceChoice(argument: bad) }
        }
        #expect(try AudioSourceChoice(argument: "tone") == .tone)
        #expect(try AudioSourceChoice(argument: "voice.opus") == .ogg(path: "voice.opus"))
        #expect(throws: MediaSourceChoiceError.self) { try AudioSourceChoice(argument: "mic") }
    }

    @Test("the agent's sources decide its capabilities and refuse a missing file at start-up")
    func agentSources() throws {
        #expect(AgentSources(video: .none, audio: .tone).capabilities == Capabilities(camera: false, microphone: true))
        #expect(AgentSources(video: .testPattern, audio: .none).capabilities == Capabilities(camera: true, microphone: false))
        try AgentSources(video: .testPattern, audio: .tone).validate()
        #expect(throws: MediaSourceChoiceError.self) {
            try AgentSources(video: .ivf(path: "/nonexistent/\(UUID()).ivf"), audio: .none).validate()
        }
        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-garbage-\(UUID()).ogg")
        try Data((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: garbage)
        defer { try? FileManager.default.removeItem(at: garbage) }
        #expect(throws: MediaSourceChoiceError.self) { try AgentSources(video: .none, audio: .ogg(path: garbage.path)).validate() }
    }
}
