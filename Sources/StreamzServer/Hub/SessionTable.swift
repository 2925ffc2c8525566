import Foundation
import StreamzProtocol

/// Which side of a session a connection is.
enum SessionParty: Sendable {
    case viewer
    case device
}

/// A session that is not final yet, bound to the two connections that may
/// speak in it (PROTOCOL.md §3: the viewer that asked and the device's connection).
struct LiveSession {
    /// The latest stored copy, sent in `session.updated`.
    var session: Session
    let ownerId: UUID
    let viewerConnection: UUID
    let deviceConnection: UUID
    /// Fails the session with `timeout` unless it connects first.
    var timeout: Task<Void, Never>?
    /// Throttling of stats-driven `session.updated`.
    var lastUpdateSent: ContinuousClock.Instant?
    var pendingUpdate: Task<Void, Never>?

    func party(of connectionId: UUID) -> SessionParty? {
        if connectionId == viewerConnection { return .viewer }
        if connectionId == deviceConnection { return .device }
        return nil
    }

    func other(than party: SessionParty) -> UUID {
        party == .viewer ? deviceConnection : viewerConnection
    }

    /// Stops the session's timers; called when it leaves the table.
    func cancelTimers() {
        timeout?.cancel()
        pendingUpdate?.cancel()
    }
}

/// The live sessions by id.
struct SessionTable {
    private var sessions: [UUID: LiveSession] = [:]

    subscript(id: UUID) -> LiveSession? {
        get { sessions[id] }
        set { sessions[id] = newValue }
    }

    mutating func remove(_ id: UUID) -> LiveSession? {
        sessions.removeValue(forKey: id)
    }

    /// Sessions in which the connection is a party.
    func ids(involving connectionId: UUID) -> [UUID] {
        sessions.values.filter { $0.party(of: connectionId) != nil }.map(\.session.id)
    }

    func ids(ofDevice deviceId: UUID) -> [UUID] {
        sessions.values.filter { $0.session.deviceId == deviceId }.map(\.session.id)
    }
}
