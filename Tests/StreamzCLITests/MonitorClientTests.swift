import Foundation
import Logging
import StreamzClient
import StreamzMonitor
import StreamzProtocol
import StreamzTUI
import Synchronization
import Testing

/// The monitor's client layer against a real `streamz serve`: commands in,
/// `ClientEvent`s out, as the loop would see them.
@Suite("Monitor client against streamz serve", .serialized)
struct MonitorClientTests {
    static let password = MonitorHarness.password

    /// A temporary credentials folder.
    static func store() -> CredentialStore {
        CredentialStore(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("streamz-monitor-client-\(UUID().uuidString)/streamz", isDirectory: true))
    }

    static func client(_ recorder: ClientEventRecorder, credentials: CredentialStore? = nil, media: MediaRecorder? = nil,
                       tokenClock: @escaping @Sendable () -> Date = Date.init) -> MonitorClient {
        var signalling = SignallingClient.Configuration()
        signalling.backoff = BackoffPolicy(initial: .milliseconds(100), maximum: .seconds(1))
        var logger = Logger(label: "streamz.monitor-test")
        logger.logLevel = .warning
        return MonitorClient(
            configuration: MonitorClient.Configuration(credentials: credentials, signalling: signalling,
                                                       tokenClock: tokenClock, media: media, logger: logger),
            output: recorder)
    }

    static func handle(_ client: MonitorClient, _ command: MonitorCommand) async throws {
        await client.handle(command, sink: try MonitorEventSink())
    }

    @Test func loginConnectsAndFollowsPresenceRenameAndRemove() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let owner = APIClient(server: server.address)
        try await owner.register(email: "lin@example.org", password: Self.password)
        let device = try await owner.makeDevice("Kitchen")

        let recorder = ClientEventRecorder()
        let credentials = Self.store()
        let client = Self.client(recorder, credentials: credentials)
        try await Self.handle(client, .login(server: server.address.normalized, email: "lin@example.org", password: Self.password))
        let user = try await recorder.next("signedIn") { event -> User? in
            if case .signedIn(let at, let user) = event, at == server.address.normalized { return user }
            return nil
        }
        #expect(user.email == "lin@example.org")
        // The login is remembered for this server: the refresh token only.
        #expect(try credentials.load(server: server.address)?.email == "lin@example.org")
        try await recorder.next(.connection(.online))
        let snapshot = try await recorder.next("devices snapshot") { event -> [Device]? in
            if case .devices(let devices) = event { return devices }
            return nil
        }
        #expect(snapshot.map(\.name) == ["Kitchen"])

        let scripted = ScriptedDevice(api: owner, deviceId: device.id)
        try await scripted.connect()
        _ = try await recorder.next("online status") { event -> Bool? in
            if case .deviceStatus(let id, true, _) = event, id == device.id { return true }
            return nil
        }
        await scripted.disconnect()
        _ = try await recorder.next("offline status") { event -> Date? in
            if case .deviceStatus(let id, false, let seen) = event, id == device.id { return seen }
            return nil
        }

        try await Self.handle(client, .renameDevice(deviceId: device.id, name: "Pantry"))
        _ = try await recorder.next("renamed") { event -> Bool? in
            if case .deviceUpdated(let updated) = event, updated.id == device.id, updated.name == "Pantry" { return true }
            return nil
        }
        // A refused rename shows the server's message.
        let other = try await owner.makeDevice("Hall")
        try await Self.handle(client, .renameDevice(deviceId: other.id, name: "Pantry"))
        let refusal = try await recorder.next("rename refusal") { event -> ErrorBody.Detail? in
            if case .error(let detail) = event { return detail }
            return nil
        }
        #expect(refusal.code == "name_taken")

        try await Self.handle(client, .removeDevice(deviceId: device.id))
        try await recorder.next(.deviceRemoved(device.id))
        #expect(try await owner.devices().map(\.name) == ["Hall"])
        await client.shutdown()
    }

    /// Past ~250 devices the snapshot no longer fits in one 64 KiB frame and
    /// the server sends it in parts: the screen still gets it whole, once.
    @Test func aSnapshotInPartsReachesTheScreenWhole() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let owner = APIClient(server: server.address)
        try await owner.register(email: "many@example.org", password: Self.password)
        var names: [String] = []
        for index in 0..<300 {
            let name = "Camera \(index) on the north fence"
            _ = try await owner.makeDevice(name)
            names.append(name)
        }
        let recorder = ClientEventRecorder()
        let client = Self.client(recorder, credentials: Self.store())
        try await Self.handle(client, .login(server: server.address.normalized, email: "many@example.org", password: Self.password))
        let snapshot = try await recorder.next("devices snapshot") { event -> [Device]? in
            if case .devices(let devices) = event { return devices }
            return nil
        }
        #expect(snapshot.count == 300)
        #expect(Set(snapshot.map(\.name)) == Set(names))
        await client.shutdown()
    }

    @Test func aWrongPasswordIsTheServersRefusal() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        try await APIClient(server: server.address).register(email: "kay@example.org", password: Self.password)
        let recorder = ClientEventRecorder()
        let client = Self.client(recorder)
        try await Self.handle(client, .login(server: server.address.normalized, email: "kay@example.org", password: "wrong password"))
        let detail = try await recorder.next("authFailed") { event -> ErrorBody.Detail? in
            if case .authFailed(let detail) = event { return detail }
            return nil
        }
        #expect(detail == ErrorBody.Detail(code: "invalid_credentials", message: "Email or password is incorrect."))
        // A URL that is not one never reaches a server.
        try await Self.handle(client, .login(server: "http://", email: "kay@example.org", password: Self.password))
        let bad = try await recorder.next("authFailed for the URL") { event -> ErrorBody.Detail? in
            if case .authFailed(let detail) = event { return detail }
            return nil
        }
        #expect(bad.field == "server")
        await client.shutdown()
    }

    @Test func registerThenSessionsReachTheMediaSeamInOrder() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let recorder = ClientEventRecorder()
        let media = MediaRecorder()
        let client = Self.client(recorder, media: media)
        try await Self.handle(client, .register(server: server.address.normalized, email: "ida@example.org", password: Self.password))
        try await recorder.next(.connection(.online))
        let owner = APIClient(server: server.address)
        try await owner.login(email: "ida@example.org", password: Self.password)
        let device = try await owner.makeDevice("Studio")

        // Offline: the server refuses, the panel learns why.
        try await Self.handle(client, .startSession(deviceId: device.id, type: .both, quality: .auto))
        let refused = try await recorder.next("start refused") { event -> ErrorBody.Detail? in
            if case .sessionStartFailed(let id, let detail) = event, id == device.id { return detail }
            return nil
        }
        #expect(refused.code == "device_offline")
        #expect(media.all.isEmpty)

        // Online: the ack names the session, media starts, the device's offer and candidate follow it.
        let camera = SignallingClient(server: server.address, role: .device(device.id), tokens: owner)
        let requests = Locked<[ServerMessage.SessionRequest]>([])
        let cameraEvents = Task {
            for await event in camera.events {
                if case .message(.sessionRequest(let request)) = event { requests.withLock { $0.append(request) } }
            }
        }
        defer { cameraEvents.cancel() }
        await camera.start()
        _ = try await recorder.next("online status") { event -> Bool? in
            if case .deviceStatus(let id, true, _) = event, id == device.id { return true }
            return nil
        }
        try await Self.handle(client, .startSession(deviceId: device.id, type: .video, quality: .low))
        let session = try await recorder.next("sessionStarted") { event -> Session? in
            if case .sessionStarted(let session) = event { return session }
            return nil
        }
        #expect(session.deviceId == device.id && session.type == .video && session.quality == .low)
        try await Self.until("the device's session.request") { requests.withLock { $0.contains { $0.session.id == session.id } } }
        let offer = SignalMessage(sessionId: session.id, content: .description(SignalDescription(type: .offer, sdp: "v=0\r\n")))
        let candidate = SignalMessage(sessionId: session.id, content: .candidate(ICECandidateInit(
            candidate: "candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host", sdpMid: "0", sdpMLineIndex: 0)))
        try await camera.send(.signal(offer))
        try await camera.send(.signal(candidate))
        try await media.waitFor("start, offer and candidate") { $0.count >= 3 }
        #expect(Array(media.all.prefix(3)) == [.start(sessionId: session.id, iceServerCount: 0), .signal(offer), .signal(candidate)])

        // A live quality change goes to the device and the seam.
        try await Self.handle(client, .setQuality(sessionId: session.id, quality: .high))
        try await media.waitFor("the quality change") { $0.contains(.quality(session.id, .high)) }

        // The viewer stops it: the ack's session is ended, the media is released once.
        try await Self.handle(client, .endSession(sessionId: session.id))
        _ = try await recorder.next("the ended session") { event -> Bool? in
            if case .sessionUpdated(let update) = event, update.id == session.id, update.state == .ended { return true }
            return nil
        }
        try await media.waitFor("the stop") { $0.contains(.stop(session.id)) }
        #expect(media.all.filter { $0 == .stop(session.id) }.count == 1)
        await camera.stop()
        await client.shutdown()
    }

    @Test func anUnansweredSessionFailsWithTheServersTimeout() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let recorder = ClientEventRecorder()
        let client = Self.client(recorder)
        try await Self.handle(client, .register(server: server.address.normalized, email: "joan@example.org", password: Self.password))
        try await recorder.next(.connection(.online))
        let owner = APIClient(server: server.address)
        try await owner.login(email: "joan@example.org", password: Self.password)
        let device = try await owner.makeDevice("Shed")
        let scripted = ScriptedDevice(api: owner, deviceId: device.id)
        try await scripted.connect()
        _ = try await recorder.next("online status") { event -> Bool? in
            if case .deviceStatus(let id, true, _) = event, id == device.id { return true }
            return nil
        }
        // No media seam and a device that never offers: the server gives up after 15 s.
        try await Self.handle(client, .startSession(deviceId: device.id, type: .audio, quality: .medium))
        let session = try await recorder.next("sessionStarted") { event -> Session? in
            if case .sessionStarted(let session) = event { return session }
            return nil
        }
        let reason = try await recorder.next("session end", timeout: .seconds(60)) { event -> String? in
            if case .sessionEnded(let id, let reason) = event, id == session.id { return reason ?? "" }
            return nil
        }
        #expect(reason == "timeout")
        await scripted.disconnect()
        await client.shutdown()
    }

    @Test func aRefusedRefreshSignsOut() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let credentials = Self.store()
        let offset = Locked<TimeInterval>(0)
        let recorder = ClientEventRecorder()
        let client = Self.client(recorder, credentials: credentials, tokenClock: { Date().addingTimeInterval(offset.withLock { $0 }) })
        try await Self.handle(client, .register(server: server.address.normalized, email: "ada@example.org", password: Self.password))
        try await recorder.next(.connection(.online))
        let owner = APIClient(server: server.address)
        try await owner.login(email: "ada@example.org", password: Self.password)
        let device = try await owner.makeDevice("Cellar")

        // Another process resumes the same remembered login: the refresh token rotates,
        // and the one the monitor holds is dead (presenting it revokes the family).
        try await APIClient(server: server.address, credentials: Self.storeCopy(credentials)).resume()
        // The monitor's access token is about to expire: its next call refreshes, and is refused.
        offset.withLock { $0 = 15 * 60 }
        try await Self.handle(client, .renameDevice(deviceId: device.id, name: "Wine cellar"))
        let reason = try await recorder.next("signedOut") { event -> String?? in
            if case .signedOut(let reason) = event { return .some(reason) }
            return nil
        }
        #expect(reason?.isEmpty == false)
        // The dead login is forgotten here too.
        #expect(try credentials.load(server: server.address) == nil)
        await client.shutdown()
    }

    @Test func aServerRestartShowsTheCountdownThenComesBack() async throws {
        var server = try await ServeProcess.start()
        defer { server.stop() }
        let recorder = ClientEventRecorder()
        let client = Self.client(recorder)
        try await Self.handle(client, .register(server: server.address.normalized, email: "rob@example.org", password: Self.password))
        try await recorder.next(.connection(.online))
        _ = try await recorder.next("first snapshot") { event -> Bool? in
            if case .devices = event { return true }
            return nil
        }
        server.terminate()
        let retryAt = try await recorder.next("reconnecting") { event -> Date? in
            if case .connection(.reconnecting(let at)) = event { return at }
            return nil
        }
        // Backoff 0.1 s doubling to 1 s in this test: the countdown is in the near future.
        #expect(retryAt.timeIntervalSinceNow < 2)
        server = try await server.restart()
        try await recorder.next(.connection(.online), timeout: .seconds(60))
        _ = try await recorder.next("snapshot after the restart") { event -> Bool? in
            if case .devices = event { return true }
            return nil
        }
        await client.shutdown()
    }

    @Test func resumeSkipsTheFormAndAMissingLoginIsNotSignedIn() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let credentials = Self.store()
        let recorder = ClientEventRecorder()
        let client = Self.client(recorder, credentials: credentials)
        guard case .failure(.notSignedIn) = await client.resume(server: server.address) else {
            Issue.record("resumed without a remembered login")
            return
        }
        try await APIClient(server: server.address, credentials: credentials).register(email: "eve@example.org", password: Self.password)
        guard case .success(let user) = await client.resume(server: server.address) else {
            Issue.record("the remembered login was not resumed")
            return
        }
        #expect(user.email == "eve@example.org")
        try await recorder.next(.connection(.online))
        await client.shutdown()
    }

    /// Polls `condition` every 5 ms for up to 30 s.
    static func until(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw CLITestFailure(description: "\(what) did not happen within 30 s")
    }

    /// A second store holding a copy of `store`'s file: another process's view of the same login.
    static func storeCopy(_ store: CredentialStore) throws -> CredentialStore {
        let copy = Self.store()
        try FileManager.default.createDirectory(at: copy.directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: store.fileURL, to: copy.fileURL)
        return copy
    }
}

/// A value behind a lock that closures can share (a `Mutex` cannot be captured).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}
