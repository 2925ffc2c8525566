import Foundation
import StreamzProtocol
@testable import StreamzTUI

/// Devices, users and states the monitor tests share; fixed ids and times
/// so goldens are stable.
enum MonitorFixture {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z, a whole second
    static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
    static let user = User(id: uuid(900), email: "ada@example.com", createdAt: t0)

    static func uuid(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n)) ?? UUID()
    }

    static func device(_ n: Int, _ name: String, online: Bool, kind: DeviceKind = .browser, camera: Bool = true,
                       microphone: Bool = true, lastSeen: TimeInterval? = -60) -> Device {
        Device(id: uuid(n), name: name, kind: kind, platform: nil,
               capabilities: Capabilities(camera: camera, microphone: microphone), online: online,
               lastSeenAt: lastSeen.map { t0.addingTimeInterval($0) }, createdAt: t0)
    }

    static let kitchen = device(1, "Kitchen phone", online: true)
    static let garage = device(2, "garage cam", online: false, kind: .agent, microphone: false, lastSeen: -12)
    static let attic = device(3, "Attic", online: true, kind: .agent, camera: false)
    static let bedroom = device(4, "寝室カメラ", online: false, lastSeen: -3_700)

    /// Signed in, on the device list, online, with the given devices.
    static func signedIn(_ devices: [Device] = [kitchen, garage, attic, bedroom], rows: Int = 24,
                         columns: Int = 80) -> MonitorState {
        var state = MonitorState(server: "http://127.0.0.1:8080", rows: rows, columns: columns, now: t0, timeZone: utc)
        _ = state.reduce(.client(.signedIn(server: "http://127.0.0.1:8080", user: user)))
        _ = state.reduce(.client(.connection(.online)))
        _ = state.reduce(.client(.devices(devices)))
        return state
    }

    static func session(_ id: Int, device: Device, state: SessionState, stats: SessionStats? = nil,
                        endReason: String? = nil) -> Session {
        Session(id: uuid(id), deviceId: device.id, type: .both, quality: .auto, state: state, createdAt: t0,
                endReason: endReason, stats: stats)
    }
}
