import Foundation

/// The reading and writing shared by client and server messages: one JSON
/// object per text frame with a `type` (PROTOCOL.md §3), coded with `WireJSON`.
enum WSMessageCoding {
    /// The `type` of a text frame, after checking that it is a JSON object.
    static func messageType(of data: Data) throws(WSMessageError) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw .malformedJSON
        }
        guard let type = fields["type"] as? String else { throw .missingType }
        return type
    }

    /// Decodes `T`, turning decoding faults into `badShape` with the field at fault.
    static func decode<T: Decodable>(_: T.Type, from data: Data, type: String) throws(WSMessageError) -> T {
        do {
            return try WireJSON.decoder().decode(T.self, from: data)
        } catch let error as WSMessageError {
            throw error
        } catch let error as DecodingError {
            throw .badShape(type: type, detail: describe(error))
        } catch {
            throw .badShape(type: type, detail: "\(error)")
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let data = try WireJSON.encoder().encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let parts = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return parts.isEmpty ? "the message" : "\"\(parts.joined(separator: "."))\""
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))."
        case .valueNotFound(_, let context):
            return "\(path(context.codingPath)) must not be null."
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not a \(type)."
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The `type` and `id` keys every envelope carries beside its payload.
enum EnvelopeKeys: String, CodingKey {
    case type, id, replyTo
}

/// Raised inside a payload's decoder when a value is of the right JSON type
/// but outside what the contract allows.
func shapeError(_ key: some CodingKey, in container: some KeyedDecodingContainerProtocol, _ text: String) -> DecodingError {
    DecodingError.dataCorrupted(DecodingError.Context(codingPath: container.codingPath + [key], debugDescription: text))
}
