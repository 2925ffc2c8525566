import Foundation
import StreamzProtocol

/// A key as the monitor understands it, independent of ncurses' key codes
/// (Terminal/ translates them), so the reducer is testable without a terminal.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case enter, tab, backTab, backspace, delete, escape
    case home, end, pageUp, pageDown
}

/// The state of the monitor's connection to the server, as the client reports it.
public enum ConnectionStatus: Equatable, Sendable {
    case connecting
    case online
    /// The next attempt is due at `at`; the status bar counts down to it
    /// from the `now` of each tick (PROTOCOL.md §3: backoff 0.5 s doubling to 30 s).
    case reconnecting(at: Date)
    case signedOut
}

/// What the client layer tells the monitor. Every case maps to a server
/// answer or push in PROTOCOL.md, or to the client's own connection state.
public enum ClientEvent: Equatable, Sendable {
    /// Login or register succeeded (REST `/auth/*`), or a remembered login was accepted.
    case signedIn(server: String, user: User)
    /// Login or register was refused; the server's error is shown inline on the form.
    case authFailed(ErrorBody.Detail)
    case connection(ConnectionStatus)
    /// `devices` snapshot on connect (§3 Connecting).
    case devices([Device])
    /// `device.status` (§3 Presence).
    case deviceStatus(deviceId: UUID, online: Bool, lastSeenAt: Date?)
    /// `device.updated`, or the answer to a rename.
    case deviceUpdated(Device)
    /// `device.removed`, or the answer to a remove.
    case deviceRemoved(UUID)
    /// The `ack` of this monitor's `session.start` (or the REST 201): names
    /// the session the panel is waiting for.
    case sessionStarted(Session)
    /// `session.updated` (state and stats) of a session known by id.
    case sessionUpdated(Session)
    /// `session.start` refused before a session existed (409 `device_offline`,
    /// `capability_missing`, ...): the panel shows the start as failed.
    case sessionStartFailed(deviceId: UUID, ErrorBody.Detail)
    /// The viewer's own statistics, computed locally between server updates.
    case sessionStats(sessionId: UUID, SessionStats)
    /// `session.ended {sessionId, reason}`.
    case sessionEnded(sessionId: UUID, reason: String?)
    /// Any other `error` from the server: shown in the message line.
    case error(ErrorBody.Detail)
    /// The login is gone (refresh refused, `streamz logout`): back to the form.
    case signedOut(reason: String?)
}

/// Everything the reducer reacts to.
public enum MonitorEvent: Equatable, Sendable {
    case key(Key)
    /// A left click at a screen position (0-based).
    case click(row: Int, column: Int)
    case resize(rows: Int, columns: Int)
    /// The wall clock moved on: the clock, "last seen" and reconnect countdowns follow it.
    case tick(Date)
    case client(ClientEvent)
    /// SIGINT, SIGTERM or SIGHUP: quit from any screen or prompt.
    case interrupted
}

/// What the reducer asks the client layer to do. Values only: the reducer
/// performs no I/O, the loop hands these to a `MonitorCommandHandler`.
public enum MonitorCommand: Equatable, Sendable {
    case login(server: String, email: String, password: String)
    case register(server: String, email: String, password: String)
    case startSession(deviceId: UUID, type: SessionType, quality: Quality)
    case setQuality(sessionId: UUID, quality: Quality)
    case endSession(sessionId: UUID)
    case renameDevice(deviceId: UUID, name: String)
    case removeDevice(deviceId: UUID)
    case quit
}
