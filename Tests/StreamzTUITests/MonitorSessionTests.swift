import Foundation
import StreamzProtocol
import Testing
@testable import StreamzTUI

@Suite("Monitor reducer: sessions")
struct MonitorSessionTests {
    typealias F = MonitorFixture

    /// Signed in with Kitchen phone (camera and microphone) selected.
    func kitchenSelected() -> MonitorState {
        var state = F.signedIn()
        _ = state.reduce(.key(.down))
        return state
    }

    @Test func enterStartsWhatTheDeviceCanSend() {
        var state = kitchenSelected()
        #expect(state.reduce(.key(.enter)) == [.startSession(deviceId: F.kitchen.id, type: .both, quality: .auto)])
        var attic = F.signedIn()
        #expect(attic.reduce(.key(.enter)) == [.startSession(deviceId: F.attic.id, type: .audio, quality: .auto)])
        #expect(SessionType.preferred(for: Capabilities(camera: true, microphone: false)) == .video)
        #expect(SessionType.preferred(for: Capabilities(camera: false, microphone: false)) == .both)
    }

    @Test func typeKeysAndQualityBeforeStart() {
        var state = kitchenSelected()
        #expect(state.reduce(.key(.character("3"))) == [])
        #expect(state.quality == .high)
        #expect(state.reduce(.key(.character("v"))) == [.startSession(deviceId: F.kitchen.id, type: .video, quality: .high)])
        #expect(state.session?.state == .requested)
        #expect(state.session?.type == .video)
    }

    @Test func transitionsRequestedConnectingConnectedWithStats() {
        var state = kitchenSelected()
        _ = state.reduce(.key(.character("b")))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .requested))))
        #expect(state.session?.sessionId == F.uuid(50))
        _ = state.reduce(.tick(F.t0.addingTimeInterval(1)))
        _ = state.reduce(.client(.sessionUpdated(F.session(50, device: F.kitchen, state: .connecting))))
        _ = state.reduce(.client(.sessionUpdated(F.session(50, device: F.kitchen, state: .connecting))))
        let stats = SessionStats(rttMs: 20, framesPerSecond: 30)
        _ = state.reduce(.client(.sessionUpdated(F.session(50, device: F.kitchen, state: .connected, stats: stats))))
        #expect(state.session?.transitions.map(\.state) == [.requested, .connecting, .connected])
        #expect(state.session?.transitions.map(\.at) == [F.t0, F.t0.addingTimeInterval(1), F.t0.addingTimeInterval(1)])
        #expect(state.session?.stats == stats)
        let local = SessionStats(rttMs: 25)
        _ = state.reduce(.client(.sessionStats(sessionId: F.uuid(50), local)))
        #expect(state.session?.stats == local)
        // Stats of some other session are not ours.
        _ = state.reduce(.client(.sessionStats(sessionId: F.uuid(51), SessionStats(rttMs: 999))))
        #expect(state.session?.stats == local)
    }

    @Test func liveQualityChangeAndStop() {
        var state = kitchenSelected()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .connected))))
        #expect(state.reduce(.key(.character("1"))) == [.setQuality(sessionId: F.uuid(50), quality: .low)])
        #expect(state.session?.quality == .low)
        #expect(state.reduce(.key(.character("s"))) == [.endSession(sessionId: F.uuid(50))])
        #expect(state.reduce(.key(.character("s"))) == [])
        _ = state.reduce(.client(.sessionEnded(sessionId: F.uuid(50), reason: nil)))
        #expect(state.session?.state == .ended)
        #expect(state.session?.isActive == false)
    }

    @Test func refusedStartFailsWithTheServersReason() {
        var state = F.signedIn()
        _ = state.reduce(.key(.end))  // 寝室カメラ, offline
        _ = state.reduce(.key(.enter))
        let detail = ErrorBody.Detail(code: "device_offline", message: "The device is offline.")
        _ = state.reduce(.client(.sessionStartFailed(deviceId: F.bedroom.id, detail)))
        #expect(state.session?.transitions.map(\.state) == [.requested, .failed])
        #expect(state.session?.reason == "device_offline")
        #expect(state.session?.message == "The device is offline.")
    }

    @Test func endingBeforeConnectedIsAFailureWithTheReason() {
        var state = kitchenSelected()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .connecting))))
        _ = state.reduce(.client(.sessionEnded(sessionId: F.uuid(50), reason: "timeout")))
        #expect(state.session?.transitions.map(\.state) == [.requested, .connecting, .failed])
        #expect(state.session?.reason == "timeout")
        // Nothing moves a final session.
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .connected))))
        #expect(state.session?.state == .failed)
    }

    @Test func endingAfterConnectedByThePeerIsAnEndWithTheReason() {
        var state = kitchenSelected()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .connected))))
        _ = state.reduce(.client(.sessionEnded(sessionId: F.uuid(50), reason: "peer_disconnected")))
        #expect(state.session?.state == .ended)
        #expect(state.session?.reason == "peer_disconnected")
    }

    @Test func serverReportedFailureKeepsItsEndReason() {
        var state = kitchenSelected()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .failed,
                                                            endReason: "unsupported_codec: offered H264 only"))))
        #expect(state.session?.state == .failed)
        #expect(state.session?.reason == "unsupported_codec: offered H264 only")
    }

    @Test func stopAndQualityBeforeTheAckAreSentWithTheId() {
        var stopping = kitchenSelected()
        _ = stopping.reduce(.key(.enter))
        #expect(stopping.reduce(.key(.character("s"))) == [])
        let ack = F.session(50, device: F.kitchen, state: .requested)
        #expect(stopping.reduce(.client(.sessionStarted(ack))) == [.endSession(sessionId: F.uuid(50))])

        var changing = kitchenSelected()
        _ = changing.reduce(.key(.enter))
        #expect(changing.reduce(.key(.character("2"))) == [])
        #expect(changing.reduce(.client(.sessionStarted(ack))) == [.setQuality(sessionId: F.uuid(50), quality: .medium)])
        #expect(changing.reduce(.client(.sessionUpdated(ack))) == [])
    }

    @Test func aNewStartEndsTheCurrentSessionButWaitsForAnUnansweredOne() {
        var state = kitchenSelected()
        _ = state.reduce(.key(.enter))
        #expect(state.reduce(.key(.character("v"))) == [])
        #expect(state.notice != nil)
        _ = state.reduce(.client(.sessionStarted(F.session(50, device: F.kitchen, state: .connected))))
        _ = state.reduce(.key(.up))
        #expect(state.reduce(.key(.enter)) == [
            .endSession(sessionId: F.uuid(50)),
            .startSession(deviceId: F.attic.id, type: .audio, quality: .auto),
        ])
        #expect(state.session?.deviceId == F.attic.id && state.session?.sessionId == nil)
        // The old session's late update does not touch the new panel.
        _ = state.reduce(.client(.sessionUpdated(F.session(50, device: F.kitchen, state: .ended))))
        #expect(state.session?.sessionId == nil && state.session?.state == .requested)
    }

    @Test func otherViewersSessionsAreIgnored() {
        var state = kitchenSelected()
        let before = state
        #expect(state.reduce(.client(.sessionUpdated(F.session(60, device: F.kitchen, state: .connected)))) == [])
        #expect(state == before)
        // Even while this monitor waits for its own ack on the same device:
        // only the ack names the panel's session.
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.sessionUpdated(F.session(60, device: F.kitchen, state: .connected))))
        #expect(state.session?.sessionId == nil && state.session?.state == .requested)
        _ = state.reduce(.client(.sessionStarted(F.session(61, device: F.kitchen, state: .requested))))
        #expect(state.session?.sessionId == F.uuid(61))
    }
}

@Suite("Monitor reducer: login and connection")
struct MonitorLoginTests {
    typealias F = MonitorFixture

    func type(_ text: String, into state: inout MonitorState) {
        for character in text { _ = state.reduce(.key(.character(character))) }
    }

    @Test func formSubmitsLoginAndRegister() {
        var state = MonitorState(server: "http://127.0.0.1:8080", now: F.t0, timeZone: F.utc)
        #expect(state.screen == .login && state.form.focus == .email)
        type(" ada@example.com ", into: &state)
        _ = state.reduce(.key(.enter))
        #expect(state.form.focus == .password)
        type("secret-1", into: &state)
        #expect(state.reduce(.key(.enter)) == [.login(server: "http://127.0.0.1:8080", email: "ada@example.com", password: "secret-1")])
        #expect(state.form.pending)
        // A second Enter while the first is in flight sends nothing.
        #expect(state.reduce(.key(.enter)) == [])
        _ = state.reduce(.client(.authFailed(ErrorBody.Detail(code: "invalid_credentials", message: "Email or password is incorrect."))))
        #expect(state.form.error == "Email or password is incorrect." && !state.form.pending)
        _ = state.reduce(.key(.tab))
        _ = state.reduce(.key(.tab))
        #expect(state.form.focus == .register)
        #expect(state.reduce(.key(.enter)) == [.register(server: "http://127.0.0.1:8080", email: "ada@example.com", password: "secret-1")])
        _ = state.reduce(.client(.signedIn(server: "http://127.0.0.1:8080", user: F.user)))
        #expect(state.screen == .devices && state.form.password.isEmpty && state.user == F.user)
    }

    @Test func validationBeforeAskingTheServer() {
        var state = MonitorState(server: "127.0.0.1:8080", now: F.t0, timeZone: F.utc)
        type("ada@example.com", into: &state)
        _ = state.reduce(.key(.tab))
        type("pw", into: &state)
        #expect(state.reduce(.key(.enter)) == [])
        #expect(state.form.error?.contains("http://") == true)
        _ = state.reduce(.key(.backTab))
        _ = state.reduce(.key(.backTab))
        #expect(state.form.focus == .server)
        for _ in 0..<20 { _ = state.reduce(.key(.backspace)) }
        type("https://streamz.example", into: &state)
        _ = state.reduce(.key(.down))
        for _ in 0..<20 { _ = state.reduce(.key(.backspace)) }
        _ = state.reduce(.key(.down))
        #expect(state.reduce(.key(.enter)) == [])
        #expect(state.form.error == "Enter your email.")
        // Control characters never enter a field.
        _ = state.reduce(.key(.character("\u{7}")))
        #expect(state.form.password == "pw")
    }

    @Test func clicksFocusFieldsAndButtons() throws {
        var state = MonitorState(server: "http://x", rows: 24, columns: 80, now: F.t0, timeZone: F.utc)
        let grid = MonitorView.render(state)
        func position(of text: String) -> (row: Int, column: Int)? {
            for (row, line) in grid.lines.enumerated() {
                if let range = line.range(of: text) { return (row, line.distance(from: line.startIndex, to: range.lowerBound)) }
            }
            return nil
        }
        let password = try #require(position(of: "Password"))
        let register = try #require(position(of: "[ Register ]"))
        _ = state.reduce(.click(row: password.row, column: 30))
        #expect(state.form.focus == .password)
        _ = state.reduce(.click(row: register.row, column: register.column + 3))
        #expect(state.form.focus == .register)
        _ = state.reduce(.click(row: 0, column: 0))
        #expect(state.form.focus == .register)
    }

    @Test func escapeQuitsFromTheForm() {
        var state = MonitorState(server: "http://x", now: F.t0, timeZone: F.utc)
        type("q", into: &state)
        #expect(state.form.email == "q" && !state.quitRequested)
        #expect(state.reduce(.key(.escape)) == [.quit])
    }

    @Test func rememberedLoginSkipsTheForm() {
        let state = MonitorState(server: "http://x", rememberedUser: F.user, now: F.t0, timeZone: F.utc)
        #expect(state.screen == .devices && state.connection == .connecting)
    }

    @Test func signedOutReturnsToTheFormWithTheReason() {
        var state = F.signedIn()
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.client(.signedOut(reason: "Your login expired; log in again.")))
        #expect(state.screen == .login && state.devices.isEmpty && state.session == nil)
        #expect(state.form.error == "Your login expired; log in again." && state.form.email == "ada@example.com")
    }

    @Test func noticesExpireOnTheTick() {
        var state = F.signedIn()
        _ = state.reduce(.client(.error(ErrorBody.Detail(code: "rate_limited", message: "Too many attempts."))))
        #expect(state.notice?.text == "Too many attempts.")
        _ = state.reduce(.tick(F.t0.addingTimeInterval(4)))
        #expect(state.notice != nil)
        _ = state.reduce(.tick(F.t0.addingTimeInterval(5)))
        #expect(state.notice == nil)
    }

    @Test func tooSmallOnlyQuits() {
        var state = F.signedIn(rows: 10, columns: 30)
        #expect(state.reduce(.key(.enter)) == [])
        #expect(state.reduce(.key(.character("q"))) == [.quit])
    }
}
