import Foundation
import GRDB
import StreamzProtocol

/// Devices in SQLite. Every read and write is scoped to the owner, so another
/// user's device id behaves as if it did not exist (PROTOCOL.md §2: 404, never 403).
public struct DeviceRepository: DeviceStore {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    public func devices(ownedBy userId: UUID) async throws -> [Device] {
        try await database.writer.read { db in
            try DeviceRecord
                .filter(DeviceRecord.Columns.userId == userId)
                .order(DeviceRecord.Columns.createdAt, Column.rowID)
                .fetchAll(db)
                .map { try $0.device() }
        }
    }

    public func device(id: UUID, ownedBy userId: UUID) async throws -> Device? {
        try await database.writer.read { db in
            try Self.record(db, id: id, userId: userId)?.device()
        }
    }

    public func setPresence(deviceId: UUID, online: Bool, lastSeenAt: Date) async throws -> Device? {
        try await database.writer.write { db in
            guard var record = try DeviceRecord.fetchOne(db, key: deviceId) else { return nil }
            record.online = online
            record.lastSeenAt = lastSeenAt
            try record.update(db)
            return try record.device()
        }
    }

    public func setCapabilities(deviceId: UUID, capabilities: Capabilities) async throws -> Device? {
        try await database.writer.write { db in
            guard var record = try DeviceRecord.fetchOne(db, key: deviceId) else { return nil }
            record.camera = capabilities.camera
            record.microphone = capabilities.microphone
            try record.update(db)
            return try record.device()
        }
    }

    /// Creates a device; a name the owner already uses is `name_taken`.
    func create(
        ownerId: UUID, name: String, kind: DeviceKind, platform: String?, capabilities: Capabilities, at now: Date
    ) async throws -> Device {
        let device = Device(
            id: UUID(), name: name, kind: kind, platform: platform, capabilities: capabilities,
            online: false, lastSeenAt: nil, createdAt: now)
        do {
            try await database.writer.write { db in
                try DeviceRecord(device: device, userId: ownerId).insert(db)
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw APIError.nameTaken
        }
        return device
    }

    /// Renames and/or changes capabilities; `nil` when not the owner's device.
    func update(id: UUID, ownerId: UUID, name: String?, capabilities: Capabilities?) async throws -> Device? {
        do {
            return try await database.writer.write { db in
                guard var record = try Self.record(db, id: id, userId: ownerId) else { return nil }
                if let name { record.name = name }
                if let capabilities {
                    record.camera = capabilities.camera
                    record.microphone = capabilities.microphone
                }
                try record.update(db)
                return try record.device()
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw APIError.nameTaken
        }
    }

    /// Deletes the device and (by cascade) its sessions; `false` when not the owner's.
    func delete(id: UUID, ownerId: UUID) async throws -> Bool {
        try await database.writer.write { db in
            try DeviceRecord
                .filter(DeviceRecord.Columns.id == id && DeviceRecord.Columns.userId == ownerId)
                .deleteAll(db) > 0
        }
    }

    /// At start-up no device is connected yet, whatever the last run left behind.
    func markAllOffline() async throws {
        try await database.writer.write { db in
            _ = try DeviceRecord.filter(DeviceRecord.Columns.online == true)
                .updateAll(db, DeviceRecord.Columns.online.set(to: false))
        }
    }

    private static func record(_ db: Database, id: UUID, userId: UUID) throws -> DeviceRecord? {
        try DeviceRecord
            .filter(DeviceRecord.Columns.id == id && DeviceRecord.Columns.userId == userId)
            .fetchOne(db)
    }
}
