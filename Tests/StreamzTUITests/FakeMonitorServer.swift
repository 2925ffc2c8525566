import Foundation
import StreamzProtocol
import Synchronization
@testable import StreamzTUI

/// A test-only command handler standing in for the client and the server:
/// it answers each command at once through the sink the way PROTOCOL.md
/// says the real server would, and records what it was asked.
final class FakeMonitorServer: MonitorCommandHandler {
    let password: String
    private let devices: Mutex<[Device]>
    private let received = Mutex<[MonitorCommand]>([])
    private let nextSession = Mutex(500)

    init(password: String = "secret-1", devices: [Device]) {
        self.password = password
        self.devices = Mutex(devices)
    }

    var commands: [MonitorCommand] { received.withLock { $0 } }

    func handle(_ command: MonitorCommand, sink: MonitorEventSink) async {
        received.withLock { $0.append(command) }
        switch command {
        case .login(let server, let email, let password), .register(let server, let email, let password):
            guard password == self.password else {
                sink.send(.authFailed(ErrorBody.Detail(code: "invalid_credentials", message: "Email or password is incorrect.")))
                return
            }
            sink.send(.signedIn(server: server, user: User(id: MonitorFixture.uuid(900), email: email, createdAt: MonitorFixture.t0)))
            sink.send(.connection(.online))
            sink.send(.devices(devices.withLock { $0 }))
        case .startSession(let deviceId, let type, let quality):
            guard let device = devices.withLock({ list in list.first { $0.id == deviceId } }), device.online else {
                sink.send(.sessionStartFailed(deviceId: deviceId, ErrorBody.Detail(code: "device_offline", message: "The device is offline.")))
                return
            }
            let id = MonitorFixture.uuid(nextSession.withLock { n in
                n += 1
                return n
            })
            var session = Session(id: id, deviceId: deviceId, type: type, quality: quality, state: .requested, createdAt: MonitorFixture.t0)
            sink.send(.sessionStarted(session))
            session.state = .connecting
            sink.send(.sessionUpdated(session))
            session.state = .connected
            session.stats = SessionStats(rttMs: 12, framesPerSecond: 30, width: 640, height: 480)
            sink.send(.sessionUpdated(session))
        case .setQuality:
            break
        case .endSession(let sessionId):
            sink.send(.sessionEnded(sessionId: sessionId, reason: nil))
        case .renameDevice(let deviceId, let name):
            let updated: Device? = devices.withLock { list in
                guard let index = list.firstIndex(where: { $0.id == deviceId }) else { return nil }
                list[index].name = name
                return list[index]
            }
            if let updated { sink.send(.deviceUpdated(updated)) }
        case .removeDevice(let deviceId):
            devices.withLock { $0.removeAll { $0.id == deviceId } }
            sink.send(.deviceRemoved(deviceId))
        case .quit:
            break
        }
    }

    /// A push from the server with no command behind it (presence, for one).
    func push(_ event: ClientEvent, to sink: MonitorEventSink) { sink.send(event) }
}
