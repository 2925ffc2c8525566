import Foundation
import StreamzProtocol

/// Hands a viewer connection's `signal` and `session.ended` messages to the `ViewerSession` they
/// concern. The device may answer `session.start` so fast that its offer arrives before the caller
/// has its `ViewerSession`: messages for a session not yet attached wait here and are replayed
/// in order on `attach(_:)`.
public actor ViewerSessionRouter {
    private var sessions: [UUID: ViewerSession] = [:]
    private var waiting: [UUID: [ServerMessage]] = [:]
    /// At most this many early messages are kept per unknown session (a stray session's
    /// candidates must not grow without bound).
    private let waitingLimit = 64

    public init() {}

    /// Starts delivering `viewer`'s messages, first those that came before it.
    public func attach(_ viewer: ViewerSession) async {
        sessions[viewer.id] = viewer
        for message in waiting.removeValue(forKey: viewer.id) ?? [] { await deliver(message, to: viewer) }
    }

    /// Stops delivering to the session `id` (after it ended).
    public func detach(_ id: UUID) {
        sessions[id] = nil
        waiting[id] = nil
    }

    /// Routes one server message; returns false for messages that are not a session's.
    @discardableResult
    public func route(_ message: ServerMessage) async -> Bool {
        let id: UUID
        switch message {
        case .signal(let signal): id = signal.sessionId
        case .sessionEnded(let ended): id = ended.sessionId
        default: return false
        }
        if let viewer = sessions[id] {
            await deliver(message, to: viewer)
        } else if waiting[id, default: []].count < waitingLimit {
            waiting[id, default: []].append(message)
        }
        return true
    }

    /// The connection was lost: the server ends the sessions of a closed socket
    /// (`peer_disconnected`, PROTOCOL.md §3), so every attached session ends with that reason.
    public func connectionLost() async {
        for viewer in sessions.values { await viewer.serverEnded(reason: "peer_disconnected") }
    }

    private func deliver(_ message: ServerMessage, to viewer: ViewerSession) async {
        switch message {
        case .signal(let signal): await viewer.receive(signal.content)
        case .sessionEnded(let ended): await viewer.serverEnded(reason: ended.reason)
        default: break
        }
    }
}
