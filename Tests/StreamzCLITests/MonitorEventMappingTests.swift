import Foundation
import StreamzClient
import StreamzProtocol
import StreamzTUI
import Testing
@testable import StreamzMonitor

@Suite("Monitor client: server words to monitor events")
struct MonitorEventMappingTests {
    static let deviceId = UUID(uuidString: "6a1f0c1e-8b7d-4d55-9f0e-2b9f5d7a1c01")!
    static let sessionId = UUID(uuidString: "0e4c2f6a-3d5b-4f7e-8a9c-1b2d3e4f5a6b")!
    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    static let device = Device(id: deviceId, name: "Porch", kind: .agent, platform: "linux",
                               capabilities: Capabilities(camera: true, microphone: false), online: true,
                               lastSeenAt: at, createdAt: at)
    static let session = Session(id: sessionId, deviceId: deviceId, type: .video, quality: .low, state: .connecting, createdAt: at)

    @Test func pushesBecomeTheirEvents() {
        let status = ServerMessage.DeviceStatus(deviceId: Self.deviceId, online: false, lastSeenAt: Self.at)
        let cases: [(ServerMessage, ClientEvent)] = [
            (.devices([Self.device]), .devices([Self.device])),
            (.deviceStatus(status), .deviceStatus(deviceId: Self.deviceId, online: false, lastSeenAt: Self.at)),
            (.deviceUpdated(Self.device), .deviceUpdated(Self.device)),
            (.deviceRemoved(deviceId: Self.deviceId), .deviceRemoved(Self.deviceId)),
            (.sessionUpdated(Self.session), .sessionUpdated(Self.session)),
            (.sessionEnded(.init(sessionId: Self.sessionId, reason: "timeout")), .sessionEnded(sessionId: Self.sessionId, reason: "timeout")),
            (.error(.init(code: "forbidden", message: "Not yours.")), .error(ErrorBody.Detail(code: "forbidden", message: "Not yours."))),
        ]
        for (message, event) in cases { #expect(MonitorEventMapping.clientEvent(for: message) == event) }
    }

    @Test func messagesTheClientConsumesItselfMapToNothing() {
        let signal = SignalMessage(sessionId: Self.sessionId, content: .endOfCandidates)
        let consumed: [ServerMessage] = [
            .welcome(.init(connectionId: "c1", role: .viewer, heartbeatInterval: 10, iceServers: [])),
            .ack(.init(replyTo: "r1")),
            .signal(signal),
            .sessionRequest(.init(session: Self.session, iceServers: [])),
            .sessionQuality(SessionQualityChange(sessionId: Self.sessionId, quality: .high)),
        ]
        for message in consumed { #expect(MonitorEventMapping.clientEvent(for: message) == nil) }
        #expect(MonitorEventMapping.sessionId(of: .signal(signal)) == Self.sessionId)
        #expect(MonitorEventMapping.sessionId(of: .sessionUpdated(Self.session)) == Self.sessionId)
        #expect(MonitorEventMapping.sessionId(of: .deviceRemoved(deviceId: Self.deviceId)) == nil)
    }

    @Test func connectionStatesIncludeTheReconnectCountdown() {
        let welcome = ServerMessage.Welcome(connectionId: "c1", role: .viewer, heartbeatInterval: 10, iceServers: [])
        #expect(MonitorEventMapping.connectionStatus(for: .connecting, now: Self.at) == .connecting)
        #expect(MonitorEventMapping.connectionStatus(for: .online(welcome), now: Self.at) == .online)
        #expect(MonitorEventMapping.connectionStatus(for: .reconnecting(in: .milliseconds(4250), attempt: 3), now: Self.at)
                == .reconnecting(at: Self.at.addingTimeInterval(4.25)))
        #expect(MonitorEventMapping.connectionStatus(for: .signedOut(.stopped), now: Self.at) == nil)
    }

    @Test func failuresKeepTheServersCodeAndNameTheirOwn() {
        let server = StreamzAPIError.server(ServerError(status: 409, code: "name_taken", message: "Taken.", field: "name"))
        #expect(MonitorEventMapping.detail(for: server) == ErrorBody.Detail(code: "name_taken", message: "Taken.", field: "name"))
        #expect(MonitorEventMapping.detail(for: StreamzAPIError.network("refused")).code == "network")
        #expect(MonitorEventMapping.detail(for: StreamzAPIError.notSignedIn).code == "not_signed_in")
        #expect(MonitorEventMapping.detail(for: SignallingError.server(code: "device_offline", message: "Offline."))
                == ErrorBody.Detail(code: "device_offline", message: "Offline."))
        // A request the server never answered is not the server's session `timeout`.
        #expect(MonitorEventMapping.detail(for: SignallingError.timedOut).code == "no_answer")
        #expect(MonitorEventMapping.detail(for: SignallingError.notConnected).code == "not_connected")
    }

    @Test func signOutReasonsSayWhy() {
        #expect(MonitorEventMapping.signedOutReason(.stopped) == nil)
        #expect(MonitorEventMapping.signedOutReason(.closed(code: 4403, reason: "Forbidden"))?.contains("4403") == true)
        let refused = StreamzAPIError.server(ServerError(status: 401, code: "unauthorized", message: "The refresh token is not valid."))
        #expect(MonitorEventMapping.signedOutReason(.authentication(refused))?.contains("The refresh token is not valid.") == true)
    }
}
