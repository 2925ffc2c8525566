import Foundation
import Hummingbird
import HummingbirdWSClient
import Logging
import StreamzProtocol
import Testing

struct HubTestError: Error, CustomStringConvertible {
    let description: String
}

/// A real WebSocket client to the live hub: what the server sends lands in
/// a mailbox the test awaits with a bound; the close code is kept.
final class TestSocket: Sendable {
    enum Command: Sendable {
        case text(String)
        case binary([UInt8])
        /// One text message sent as several frames (RFC 6455 §5.4).
        case fragments([String])
        case close
    }

    static let wait: Duration = .seconds(5)

    private let commands: AsyncStream<Command>.Continuation
    private let inbox = Mailbox<String>()
    private let ending = Mailbox<UInt16?>()

    private init(commands: AsyncStream<Command>.Continuation) {
        self.commands = commands
    }

    static func connect(port: Int) -> TestSocket {
        let (stream, continuation) = AsyncStream.makeStream(of: Command.self)
        let socket = TestSocket(commands: continuation)
        var logger = Logger(label: "test.ws")
        logger.logLevel = .critical
        Task {
            let close = try? await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/api/v1/ws",
                configuration: .init(maxFrameSize: 1 << 20, autoPing: .disabled),
                logger: logger
            ) { inbound, outbound, _ in
                try await socket.pump(inbound: inbound, outbound: outbound, commands: stream)
            }
            await socket.inbox.close()
            await socket.ending.put(close.map { UInt16(webSocketErrorCode: $0.closeCode) })
        }
        return socket
    }

    private func pump(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, commands: AsyncStream<Command>) async throws {
        enum Part { case reader, writer }
        try await withThrowingTaskGroup(of: Part.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { await self.inbox.put(text) }
                }
                return .reader
            }
            group.addTask {
                for await command in commands {
                    switch command {
                    case .text(let text): try await outbound.write(.text(text))
                    case .binary(let bytes): try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                    case .fragments(let parts):
                        try await outbound.withTextMessageWriter { writer in
                            for part in parts { try await writer(part) }
                        }
                    case .close:
                        try await outbound.close(.normalClosure, reason: nil)
                        return .writer
                    }
                }
                return .writer
            }
            // After our own close, keep reading until the server's reply ends the stream.
            if try await group.next() == .reader { group.cancelAll() }
        }
    }

    func send(_ text: String) { commands.yield(.text(text)) }
    func send(_ command: Command) { commands.yield(command) }

    func send(_ message: ClientMessage, id: String? = nil) throws {
        send(try ClientEnvelope(id: id, message).encoded())
    }

    /// Closes from the client side.
    func close() { commands.yield(.close) }

    /// The next text frame, as sent.
    func nextText() async throws -> String {
        guard let text = await inbox.take(within: Self.wait) else {
            if await inbox.isClosed {
                let code = await ending.take(within: Self.wait)
                throw HubTestError(description: "The socket closed (code \(String(describing: code))) before the next message.")
            }
            throw HubTestError(description: "No message arrived within \(Self.wait).")
        }
        return text
    }

    func next() async throws -> ServerMessage {
        try ServerMessage.decode(try await nextText())
    }

    /// Skips messages until one satisfies `match`.
    func next<T>(_ match: (ServerMessage) -> T?) async throws -> T {
        while true {
            if let value = match(try await next()) { return value }
        }
    }

    /// The text of the next relayed `signal`, exactly as it arrived.
    func nextSignalText() async throws -> String {
        while true {
            let text = try await nextText()
            if case .signal = try ServerMessage.decode(text) { return text }
        }
    }

    /// The close code the server sent, once the socket is gone.
    func closeCode() async throws -> UInt16? {
        guard let code = await ending.take(within: Self.wait) else {
            throw HubTestError(description: "The socket did not close within \(Self.wait).")
        }
        return code
    }

    /// Waits until every message the server queued before answering this
    /// request has arrived, and returns them: a barrier that needs no sleep.
    func drain(marker: String = UUID().uuidString) async throws -> [ServerMessage] {
        try send(.heartbeat(.init()), id: marker)
        var seen: [ServerMessage] = []
        while true {
            let message = try await next()
            if case .ack(let ack) = message, ack.replyTo == marker { return seen }
            seen.append(message)
        }
    }
}
