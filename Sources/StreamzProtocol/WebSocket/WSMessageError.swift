/// Why a WebSocket text message could not be read as one of the contract's
/// messages (PROTOCOL.md §3). The description is a sentence fit for a close
/// reason or an `error` message.
public enum WSMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not UTF-8 JSON, or not a JSON object.
    case malformedJSON
    /// A JSON object without a string `type`.
    case missingType
    /// A `type` this side of the contract does not know.
    case unknownType(String)
    /// A known `type` whose fields are missing or of the wrong shape.
    case badShape(type: String, detail: String)

    public var description: String {
        switch self {
        case .malformedJSON: "The message is not a JSON object."
        case .missingType: "The message has no string \"type\"."
        case .unknownType(let type): "Unknown message type \"\(type)\"."
        case .badShape(let type, let detail): "Malformed \"\(type)\" message: \(detail)"
        }
    }
}
