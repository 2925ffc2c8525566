import Foundation
import GRDB
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Data survives a restart")
struct PersistenceTests {
    @Test("users, devices, access and refresh tokens work after reopening the same database file")
    func restart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-db-\(UUID().wireString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("streamz.db").path
        let clock = TestClock()

        let before = try await Harness.make(databasePath: path, clock: clock)
        let (auth, device) = try await before.application().test(.router) { client in
            let auth = try await client.register("xan@b.c")
            return (auth, try await client.createDevice(token: auth.accessToken, name: "Attic"))
        }
        _ = try await before.storage.devices.setPresence(deviceId: device.id, online: true, lastSeenAt: clock.now)

        // A new process: new storage, new router, same file.
        let after = try await Harness.make(databasePath: path, clock: clock)
        try await after.storage.resetPresence()
        try await after.application().test(.router) { client in
            let me = try await client.send(.get, "/api/v1/me", token: auth.accessToken)
            #expect(me.status == .ok)
            let devices = try await client.send(.get, "/api/v1/devices", token: auth.accessToken).decode(DeviceListResponse.self).devices
            #expect(devices.map(\.id) == [device.id])
            #expect(devices.first?.online == false)
            let refreshed = try await client.send(.post, "/api/v1/auth/refresh", body: RefreshTokenRequest(refreshToken: auth.refreshToken))
            #expect(refreshed.status == .ok)
            let login = try await client.send(.post, "/api/v1/auth/login", body: CredentialsRequest(email: "xan@b.c", password: "correct horse battery"))
            #expect(login.status == .ok)
        }
        let mode = try await after.storage.database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}
