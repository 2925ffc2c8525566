import Foundation

/// The `type` of every server → client message (PROTOCOL.md §3).
public enum ServerMessageType: String, Codable, Sendable, CaseIterable {
    case welcome
    case devices
    case deviceStatus = "device.status"
    case deviceUpdated = "device.updated"
    case deviceRemoved = "device.removed"
    case ack
    case error
    case sessionRequest = "session.request"
    case signal
    case sessionEnded = "session.ended"
    case sessionUpdated = "session.updated"
    case sessionQuality = "session.quality"
}

/// A message the server sends to a viewer or device.
public enum ServerMessage: Codable, Equatable, Sendable {
    case welcome(Welcome)
    /// A full snapshot of the user's devices, sent to a viewer right after
    /// `welcome`; or the last part of one sent in parts.
    case devices([Device])
    /// A part of a snapshot too large for one frame (`"more": true`): the
    /// snapshot is these devices, those of the parts after, and those of the
    /// `devices` message that ends it.
    case devicesPart([Device])
    case deviceStatus(DeviceStatus)
    case deviceUpdated(Device)
    case deviceRemoved(deviceId: UUID)
    case ack(Ack)
    case error(ErrorReport)
    case sessionRequest(SessionRequest)
    /// Relayed from the other party of the session.
    case signal(SignalMessage)
    case sessionEnded(SessionEnded)
    case sessionUpdated(Session)
    /// Relayed from the viewer to the device.
    case sessionQuality(SessionQualityChange)

    public var type: ServerMessageType {
        switch self {
        case .welcome: .welcome
        case .devices, .devicesPart: .devices
        case .deviceStatus: .deviceStatus
        case .deviceUpdated: .deviceUpdated
        case .deviceRemoved: .deviceRemoved
        case .ack: .ack
        case .error: .error
        case .sessionRequest: .sessionRequest
        case .signal: .signal
        case .sessionEnded: .sessionEnded
        case .sessionUpdated: .sessionUpdated
        case .sessionQuality: .sessionQuality
        }
    }

    /// Reads one text frame. Throws `WSMessageError` for anything that is not
    /// a server message of the contract.
    public static func decode(_ text: String) throws(WSMessageError) -> ServerMessage {
        let data = Data(text.utf8)
        let type = try WSMessageCoding.messageType(of: data)
        guard ServerMessageType(rawValue: type) != nil else { throw .unknownType(type) }
        return try WSMessageCoding.decode(ServerMessage.self, from: data, type: type)
    }

    /// The text frame for this message.
    public func encoded() throws -> String { try WSMessageCoding.encode(self) }

    /// Keys of the payloads that are a single named value.
    private enum WrapperKeys: String, CodingKey { case devices, more, device, deviceId, session }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: EnvelopeKeys.self)
        let name = try c.decode(String.self, forKey: .type)
        guard let type = ServerMessageType(rawValue: name) else { throw WSMessageError.unknownType(name) }
        let wrapped = try decoder.container(keyedBy: WrapperKeys.self)
        switch type {
        case .welcome: self = .welcome(try .init(from: decoder))
        case .devices:
            let devices = try wrapped.decode([Device].self, forKey: .devices)
            self = try wrapped.decodeIfPresent(Bool.self, forKey: .more) == true ? .devicesPart(devices) : .devices(devices)
        case .deviceStatus: self = .deviceStatus(try .init(from: decoder))
        case .deviceUpdated: self = .deviceUpdated(try wrapped.decode(Device.self, forKey: .device))
        case .deviceRemoved: self = .deviceRemoved(deviceId: try wrapped.decode(LowercaseUUID.self, forKey: .deviceId).value)
        case .ack: self = .ack(try .init(from: decoder))
        case .error: self = .error(try .init(from: decoder))
        case .sessionRequest: self = .sessionRequest(try .init(from: decoder))
        case .signal: self = .signal(try .init(from: decoder))
        case .sessionEnded: self = .sessionEnded(try .init(from: decoder))
        case .sessionUpdated: self = .sessionUpdated(try wrapped.decode(Session.self, forKey: .session))
        case .sessionQuality: self = .sessionQuality(try .init(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: EnvelopeKeys.self)
        try c.encode(type.rawValue, forKey: .type)
        var wrapped = encoder.container(keyedBy: WrapperKeys.self)
        switch self {
        case .welcome(let value): try value.encode(to: encoder)
        case .devices(let devices): try wrapped.encode(devices, forKey: .devices)
        case .devicesPart(let devices):
            try wrapped.encode(devices, forKey: .devices)
            try wrapped.encode(true, forKey: .more)
        case .deviceStatus(let value): try value.encode(to: encoder)
        case .deviceUpdated(let device): try wrapped.encode(device, forKey: .device)
        case .deviceRemoved(let deviceId): try wrapped.encode(LowercaseUUID(deviceId), forKey: .deviceId)
        case .ack(let value): try value.encode(to: encoder)
        case .error(let value): try value.encode(to: encoder)
        case .sessionRequest(let value): try value.encode(to: encoder)
        case .signal(let value): try value.encode(to: encoder)
        case .sessionEnded(let value): try value.encode(to: encoder)
        case .sessionUpdated(let session): try wrapped.encode(session, forKey: .session)
        case .sessionQuality(let value): try value.encode(to: encoder)
        }
    }
}
