import Foundation

// Request and answer bodies of the device endpoints (PROTOCOL.md §2 "Devices").

/// `POST /devices`: `{name, kind, platform?, capabilities}`.
public struct CreateDeviceRequest: Codable, Equatable, Sendable {
    public var name: String
    public var kind: DeviceKind
    public var platform: String?
    public var capabilities: Capabilities

    public init(name: String, kind: DeviceKind, platform: String? = nil, capabilities: Capabilities) {
        self.name = name
        self.kind = kind
        self.platform = platform
        self.capabilities = capabilities
    }
}

/// `PATCH /devices/{id}`: `{name?, capabilities?}`; an absent key leaves the value as it is.
public struct UpdateDeviceRequest: Codable, Equatable, Sendable {
    public var name: String?
    public var capabilities: Capabilities?

    public init(name: String? = nil, capabilities: Capabilities? = nil) {
        self.name = name
        self.capabilities = capabilities
    }
}

/// `GET /devices`: `{devices: [device]}`.
public struct DeviceListResponse: Codable, Equatable, Sendable {
    public var devices: [Device]

    public init(devices: [Device]) { self.devices = devices }
}

/// `POST /devices`, `GET` and `PATCH /devices/{id}`: `{device}`.
public struct DeviceResponse: Codable, Equatable, Sendable {
    public var device: Device

    public init(device: Device) { self.device = device }
}
