import Foundation
import GRDB
import StreamzProtocol

/// A row of `device`.
struct DeviceRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "device"

    var id: UUID
    var userId: UUID
    var name: String
    var kind: String
    var platform: String?
    var camera: Bool
    var microphone: Bool
    var online: Bool
    var lastSeenAt: Date?
    var createdAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let userId = Column(CodingKeys.userId)
        static let name = Column(CodingKeys.name)
        static let online = Column(CodingKeys.online)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(device: Device, userId: UUID) {
        id = device.id
        self.userId = userId
        name = device.name
        kind = device.kind.rawValue
        platform = device.platform
        camera = device.capabilities.camera
        microphone = device.capabilities.microphone
        online = device.online
        lastSeenAt = device.lastSeenAt
        createdAt = device.createdAt
    }

    /// The wire model; the schema's CHECK keeps `kind` to known values.
    func device() throws -> Device {
        guard let kind = DeviceKind(rawValue: kind) else {
            throw DatabaseRecordError.unexpectedValue(column: "device.kind", value: kind)
        }
        return Device(
            id: id, name: name, kind: kind, platform: platform,
            capabilities: Capabilities(camera: camera, microphone: microphone),
            online: online, lastSeenAt: lastSeenAt, createdAt: createdAt)
    }
}

/// A stored value the code does not know (a database edited by hand).
enum DatabaseRecordError: Error, CustomStringConvertible {
    case unexpectedValue(column: String, value: String)

    var description: String {
        switch self {
        case let .unexpectedValue(column, value): "unexpected value \(value.debugDescription) in \(column)"
        }
    }
}
