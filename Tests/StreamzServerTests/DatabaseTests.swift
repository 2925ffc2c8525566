import Foundation
import GRDB
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Database")
struct DatabaseTests {
    private func makeStorage() async throws -> (ServerStorage, UUID) {
        let storage = try await ServerStorage(database: try AppDatabase.inMemory())
        let user = try await storage.accounts.createUser(email: "a@b.c", passwordHash: "x", at: Date())
        return (storage, user.id)
    }

    @Test("the schema refuses what the code must never write")
    func constraints() async throws {
        let (storage, userId) = try await makeStorage()
        let writer = storage.database.writer
        await #expect(throws: DatabaseError.self) {
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO device (id, userId, name, kind, camera, microphone, createdAt) VALUES (?, ?, '', 'agent', 1, 1, ?)",
                    arguments: [UUID(), userId, Date()])
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO device (id, userId, name, kind, camera, microphone, createdAt) VALUES (?, ?, 'x', 'toaster', 1, 1, ?)",
                    arguments: [UUID(), userId, Date()])
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO device (id, userId, name, kind, camera, microphone, createdAt) VALUES (?, ?, 'x', 'agent', 1, 1, ?)",
                    arguments: [UUID(), UUID(), Date()])
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO signingKey (id, secret, createdAt) VALUES (2, ?, ?)", arguments: [Data(count: 32), Date()])
            }
        }
    }

    @Test("the signing key is made once and kept")
    func signingKey() async throws {
        let database = try AppDatabase.inMemory()
        let accounts = AccountRepository(database: database)
        let first = try await accounts.signingSecret(generate: { Data(repeating: 1, count: 32) }, at: Date())
        let second = try await accounts.signingSecret(generate: { Data(repeating: 2, count: 32) }, at: Date())
        #expect(first == second && first == Data(repeating: 1, count: 32))
    }

    @Test("sessions move through states once; stats are stored per party; deleting a device removes its sessions")
    func sessions() async throws {
        let (storage, userId) = try await makeStorage()
        let device = try await storage.devices.create(
            ownerId: userId, name: "Cam", kind: .agent, platform: nil, capabilities: Capabilities(camera: true, microphone: true), at: Date())
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let session = try await storage.sessions.createSession(ownerId: userId, deviceId: device.id, type: .both, quality: .auto, at: start)
        await #expect(throws: APIError.notFound) {
            try await storage.sessions.createSession(ownerId: UUID(), deviceId: device.id, type: .both, quality: .auto, at: start)
        }
        let connected = try #require(try await storage.sessions.transition(sessionId: session.id, to: .connected, reason: nil, at: start.addingTimeInterval(2)))
        #expect(connected.connectedAt == start.addingTimeInterval(2))
        let stats = SessionStats(rttMs: 12, connectionType: .p2p, width: 640, updatedAt: start)
        let withStats = try #require(try await storage.sessions.recordStats(sessionId: session.id, stats: stats, fromDevice: true))
        #expect(withStats.senderStats == stats && withStats.stats == nil)
        #expect(try await storage.sessions.activeSessions(deviceId: device.id).map(\.id) == [session.id])

        let failed = try #require(try await storage.sessions.transition(sessionId: session.id, to: .failed, reason: "ice_failed", at: start.addingTimeInterval(3)))
        #expect(failed.state == .failed && failed.endReason == "ice_failed")
        let unchanged = try await storage.sessions.transition(sessionId: session.id, to: .connected, reason: nil, at: start.addingTimeInterval(4))
        #expect(unchanged == failed)
        #expect(try await storage.sessions.activeSessions(deviceId: device.id).isEmpty)
        #expect(try await storage.sessions.countByState()[.failed] == 1)

        _ = try await storage.sessions.createSession(ownerId: userId, deviceId: device.id, type: .video, quality: .low, at: start)
        try await storage.sessions.failAllActiveSessions(reason: "server_restarted", at: start)
        let all = try await storage.sessions.sessions(ownerId: userId, deviceId: nil, state: .failed, limit: 10)
        #expect(all.count == 2 && all.allSatisfy { $0.endedAt != nil })

        #expect(try await storage.devices.delete(id: device.id, ownerId: userId))
        #expect(try await storage.sessions.session(id: session.id, ownerId: userId) == nil)
        #expect(try await storage.devices.setPresence(deviceId: device.id, online: true, lastSeenAt: start) == nil)
    }

    @Test("presence and capabilities updates return the device; unknown ids return nil")
    func presence() async throws {
        let (storage, userId) = try await makeStorage()
        let device = try await storage.devices.create(
            ownerId: userId, name: "Cam", kind: .browser, platform: "iOS", capabilities: Capabilities(camera: true, microphone: true), at: Date())
        let seen = Date(timeIntervalSince1970: 1_800_000_100)
        let online = try #require(try await storage.devices.setPresence(deviceId: device.id, online: true, lastSeenAt: seen))
        #expect(online.online && online.lastSeenAt == seen)
        let changed = try #require(try await storage.devices.setCapabilities(deviceId: device.id, capabilities: Capabilities(camera: false, microphone: true)))
        #expect(changed.capabilities.camera == false)
        #expect(try await storage.devices.setCapabilities(deviceId: UUID(), capabilities: changed.capabilities) == nil)
        try await storage.devices.markAllOffline()
        #expect(try await storage.devices.device(id: device.id, ownedBy: userId)?.online == false)
        #expect(try await storage.devices.device(id: device.id, ownedBy: UUID()) == nil)
    }
}
