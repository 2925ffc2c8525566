import Foundation

/// `kind` of a device: a phone's browser page, or the headless agent.
public enum DeviceKind: String, Codable, Sendable, CaseIterable {
    case browser
    case agent
}

/// What a device can send.
public struct Capabilities: Codable, Equatable, Sendable {
    public var camera: Bool
    public var microphone: Bool

    public init(camera: Bool, microphone: Bool) {
        self.camera = camera
        self.microphone = microphone
    }
}

/// `device` in PROTOCOL.md §2.
public struct Device: Codable, Equatable, Sendable {
    public var id: UUID
    public var name: String
    public var kind: DeviceKind
    public var platform: String?
    public var capabilities: Capabilities
    public var online: Bool
    public var lastSeenAt: Date?
    public var createdAt: Date

    public init(
        id: UUID, name: String, kind: DeviceKind, platform: String?, capabilities: Capabilities,
        online: Bool, lastSeenAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.platform = platform
        self.capabilities = capabilities
        self.online = online
        self.lastSeenAt = lastSeenAt
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, kind, platform, capabilities, online, lastSeenAt, createdAt
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(LowercaseUUID.self, forKey: .id).value
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(DeviceKind.self, forKey: .kind)
        platform = try c.decodeIfPresent(String.self, forKey: .platform)
        capabilities = try c.decode(Capabilities.self, forKey: .capabilities)
        online = try c.decode(Bool.self, forKey: .online)
        lastSeenAt = try c.decodeIfPresent(Date.self, forKey: .lastSeenAt)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LowercaseUUID(id), forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encodeNullable(platform, forKey: .platform)
        try c.encode(capabilities, forKey: .capabilities)
        try c.encode(online, forKey: .online)
        try c.encodeNullable(lastSeenAt, forKey: .lastSeenAt)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
