import HummingbirdWebSocket
import Hummingbird

/// Joins WebSocket data frames into whole text messages (RFC 6455 §5.4:
/// a message is a text or binary frame followed by continuation frames until
/// FIN) and enforces the contract's limits: JSON text only, at most
/// `limit` bytes, valid UTF-8 (PROTOCOL.md §3).
struct MessageAssembler {
    enum Outcome: Equatable {
        /// More frames are needed.
        case incomplete
        case message(String)
        /// Close with 4400 and this reason.
        case violation(String)
    }

    let limit: Int
    private var buffer: ByteBuffer?

    init(limit: Int) { self.limit = limit }

    mutating func append(_ frame: WebSocketDataFrame) -> Outcome {
        switch frame.opcode {
        case .binary:
            return .violation("Messages are JSON text frames.")
        case .text:
            guard buffer == nil else { return .violation("A new message started before the previous one ended.") }
            buffer = frame.data
        case .continuation:
            guard var partial = buffer else { return .violation("A continuation frame arrived outside a message.") }
            guard partial.readableBytes + frame.data.readableBytes <= limit else { return tooLarge() }
            var data = frame.data
            partial.writeBuffer(&data)
            buffer = partial
        }
        guard let message = buffer else { return .incomplete }
        guard message.readableBytes <= limit else { return tooLarge() }
        guard frame.fin else { return .incomplete }
        buffer = nil
        guard let text = String(validating: message.readableBytesView, as: UTF8.self) else {
            return .violation("The message is not valid UTF-8.")
        }
        return .message(text)
    }

    private mutating func tooLarge() -> Outcome {
        buffer = nil
        return .violation("The message is larger than \(limit / 1024) KiB.")
    }
}
