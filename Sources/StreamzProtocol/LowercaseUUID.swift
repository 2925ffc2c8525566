import Foundation

/// UUIDs travel in lowercase text form (PROTOCOL.md preamble); Foundation
/// writes them upper-case, so every wire UUID is coded through this wrapper.
public struct LowercaseUUID: Codable, Hashable, Sendable {
    public var value: UUID

    public init(_ value: UUID) { self.value = value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a UUID.")
        }
        value = uuid
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.uuidString.lowercased())
    }
}

extension UUID {
    /// The lowercase text form used on the wire and in URLs.
    public var wireString: String { uuidString.lowercased() }
}

extension KeyedEncodingContainer {
    /// Encodes an optional value as JSON `null` when absent: the contract
    /// shows unknown values as null rather than leaving the key out.
    mutating func encodeNullable<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func encodeNullable(_ value: UUID?, forKey key: Key) throws {
        if let value { try encode(LowercaseUUID(value), forKey: key) } else { try encodeNil(forKey: key) }
    }
}
