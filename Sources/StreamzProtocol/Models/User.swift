import Foundation

/// `user` in PROTOCOL.md §2: `{id, email, createdAt}`.
public struct User: Codable, Equatable, Sendable {
    public var id: UUID
    public var email: String
    public var createdAt: Date

    public init(id: UUID, email: String, createdAt: Date) {
        self.id = id
        self.email = email
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey { case id, email, createdAt }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(LowercaseUUID.self, forKey: .id).value
        email = try c.decode(String.self, forKey: .email)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LowercaseUUID(id), forKey: .id)
        try c.encode(email, forKey: .email)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
