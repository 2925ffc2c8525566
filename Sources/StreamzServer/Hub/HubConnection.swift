import Foundation
import StreamzProtocol
import Synchronization

/// One WebSocket connection as the hub sees it: an outbox the hub fills
/// without waiting (so a slow client never stalls the hub), the time of the
/// last frame for presence, and the close the hub asked for.
final class HubConnection: Sendable {
    /// Who is on the other end, once `auth` succeeded.
    struct Identity: Sendable {
        let userId: UUID
        let role: ConnectionRole
        let deviceId: UUID?
    }

    struct CloseRequest: Sendable, Equatable {
        let code: WSCloseCode
        let reason: String

        /// A close frame is a control frame of at most 125 bytes, two of them
        /// the code (RFC 6455 §5.5, §5.5.1), so the reason is cut to 123
        /// bytes of UTF-8 at a character boundary.
        init(code: WSCloseCode, reason: String) {
            self.code = code
            var cut = ""
            var bytes = 0
            for character in reason {
                bytes += character.utf8.count
                guard bytes <= 123 else { break }
                cut.append(character)
            }
            self.reason = cut
        }
    }

    private struct State {
        var identity: Identity?
        var receivedFirstMessage = false
        var lastFrame: ContinuousClock.Instant
        var lastFrameAt: Date
        var close: CloseRequest?
        var finished = false
    }

    let id = UUID()
    /// Text frames to write, in order; finished when the connection closes.
    let outgoing: AsyncStream<String>
    private let outbox: AsyncStream<String>.Continuation
    private let state: Mutex<State>

    init(outboxCapacity: Int) {
        (outgoing, outbox) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingOldest(outboxCapacity))
        state = Mutex(State(lastFrame: .now, lastFrameAt: Date()))
    }

    /// The connection id as `welcome.connectionId` carries it.
    var wireId: String { id.wireString }

    var identity: Identity? { state.withLock { $0.identity } }
    var isClosing: Bool { state.withLock { $0.finished } }
    var receivedFirstMessage: Bool { state.withLock { $0.receivedFirstMessage } }
    var lastFrame: ContinuousClock.Instant { state.withLock { $0.lastFrame } }
    var lastFrameAt: Date { state.withLock { $0.lastFrameAt } }
    /// The close the hub asked for; `nil` when the client closed first.
    var closeRequest: CloseRequest? { state.withLock { $0.close } }

    func identify(_ identity: Identity) {
        state.withLock { $0.identity = identity }
    }

    /// Any frame counts as a sign of life (PROTOCOL.md §3 "Presence").
    func touch() {
        state.withLock {
            $0.lastFrame = .now
            $0.lastFrameAt = Date()
        }
    }

    func markFirstMessage() {
        state.withLock { $0.receivedFirstMessage = true }
    }

    /// Queues a text frame; dropped once the connection is closing. A client
    /// whose outbox is full cannot keep up and is closed with 1008.
    func send(_ text: String) {
        let accepted = state.withLock { !$0.finished }
        guard accepted else { return }
        if case .dropped = outbox.yield(text) {
            close(.policyViolation, reason: "Messages were not read fast enough.")
        }
    }

    /// Asks for the socket to close with `code` after the frames already queued.
    func close(_ code: WSCloseCode, reason: String) {
        let first = state.withLock { state -> Bool in
            guard !state.finished else { return false }
            state.finished = true
            state.close = CloseRequest(code: code, reason: reason)
            return true
        }
        if first { outbox.finish() }
    }

    /// The client closed or the socket failed: nothing more is sent.
    func finish() {
        state.withLock { $0.finished = true }
        outbox.finish()
    }
}
