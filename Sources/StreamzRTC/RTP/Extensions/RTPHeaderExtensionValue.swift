/// A typed value carried in an RTP header extension element (RFC 8285),
/// found under the id that `a=extmap` negotiated for its URI.
public protocol RTPHeaderExtensionValue: Sendable {
    /// The URI named in `a=extmap` for this extension.
    static var uri: String { get }
    init(extensionData: [UInt8]) throws(RTPError)
    var extensionData: [UInt8] { get }
}

extension RTPHeaderExtensions {
    /// The value under `id`, `nil` when the packet does not carry it; throws when malformed.
    public func value<Value: RTPHeaderExtensionValue>(_ type: Value.Type, id: UInt8) throws(RTPError) -> Value? {
        guard let data = self[id] else { return nil }
        return try Value(extensionData: data)
    }

    public mutating func set<Value: RTPHeaderExtensionValue>(_ value: Value, id: UInt8) {
        set(id: id, data: value.extensionData)
    }
}
