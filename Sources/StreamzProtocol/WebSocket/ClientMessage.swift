import Foundation

/// The `type` of every client → server message (PROTOCOL.md §3).
public enum ClientMessageType: String, Codable, Sendable, CaseIterable {
    case auth
    case heartbeat
    case sessionStart = "session.start"
    case signal
    case sessionState = "session.state"
    case sessionStats = "session.stats"
    case sessionQuality = "session.quality"
    case sessionEnd = "session.end"
}

/// A message a viewer or device sends to the server.
public enum ClientMessage: Equatable, Sendable {
    case auth(Auth)
    case heartbeat(Heartbeat)
    case sessionStart(SessionStart)
    case signal(SignalMessage)
    case sessionState(SessionStateReport)
    case sessionStats(SessionStatsReport)
    case sessionQuality(SessionQualityChange)
    case sessionEnd(SessionEnd)

    public var type: ClientMessageType {
        switch self {
        case .auth: .auth
        case .heartbeat: .heartbeat
        case .sessionStart: .sessionStart
        case .signal: .signal
        case .sessionState: .sessionState
        case .sessionStats: .sessionStats
        case .sessionQuality: .sessionQuality
        case .sessionEnd: .sessionEnd
        }
    }

    var payload: any Encodable {
        switch self {
        case .auth(let value): value
        case .heartbeat(let value): value
        case .sessionStart(let value): value
        case .signal(let value): value
        case .sessionState(let value): value
        case .sessionStats(let value): value
        case .sessionQuality(let value): value
        case .sessionEnd(let value): value
        }
    }
}

/// One client frame: the message and the optional request `id` the server
/// echoes as `replyTo` on its direct answer (`ack` or `error`).
public struct ClientEnvelope: Codable, Equatable, Sendable {
    public var id: String?
    public var message: ClientMessage

    public init(id: String? = nil, _ message: ClientMessage) {
        self.id = id
        self.message = message
    }

    /// Reads one text frame. Throws `WSMessageError` for anything that is not
    /// a client message of the contract.
    public static func decode(_ text: String) throws(WSMessageError) -> ClientEnvelope {
        let data = Data(text.utf8)
        let type = try WSMessageCoding.messageType(of: data)
        guard ClientMessageType(rawValue: type) != nil else { throw .unknownType(type) }
        return try WSMessageCoding.decode(ClientEnvelope.self, from: data, type: type)
    }

    /// The text frame for this message.
    public func encoded() throws -> String { try WSMessageCoding.encode(self) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: EnvelopeKeys.self)
        let name = try c.decode(String.self, forKey: .type)
        guard let type = ClientMessageType(rawValue: name) else { throw WSMessageError.unknownType(name) }
        id = try c.decodeIfPresent(String.self, forKey: .id)
        switch type {
        case .auth: message = .auth(try .init(from: decoder))
        case .heartbeat: message = .heartbeat(try .init(from: decoder))
        case .sessionStart: message = .sessionStart(try .init(from: decoder))
        case .signal: message = .signal(try .init(from: decoder))
        case .sessionState: message = .sessionState(try .init(from: decoder))
        case .sessionStats: message = .sessionStats(try .init(from: decoder))
        case .sessionQuality: message = .sessionQuality(try .init(from: decoder))
        case .sessionEnd: message = .sessionEnd(try .init(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: EnvelopeKeys.self)
        try c.encode(message.type.rawValue, forKey: .type)
        try c.encodeIfPresent(id, forKey: .id)
        try message.payload.encode(to: encoder)
    }
}
