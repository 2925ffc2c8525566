import Foundation
import StreamzClient
import StreamzProtocol
import StreamzTUI

/// How the server's words become the monitor's events: pure functions, so
/// the mapping is tested without a socket.
enum MonitorEventMapping {
    /// The monitor event for a pushed server message (PROTOCOL.md §3), or
    /// nil for the messages the client itself consumes (`welcome`, `signal`)
    /// or that only a device receives (`session.request`, `session.quality`).
    static func clientEvent(for message: ServerMessage) -> ClientEvent? {
        switch message {
        case .devices(let devices): .devices(devices)
        // Parts are put together by the client (`DevicesSnapshotAssembler`).
        case .devicesPart: nil
        case .deviceStatus(let status): .deviceStatus(deviceId: status.deviceId, online: status.online, lastSeenAt: status.lastSeenAt)
        case .deviceUpdated(let device): .deviceUpdated(device)
        case .deviceRemoved(let deviceId): .deviceRemoved(deviceId)
        case .sessionUpdated(let session): .sessionUpdated(session)
        case .sessionEnded(let ended): .sessionEnded(sessionId: ended.sessionId, reason: ended.reason)
        case .error(let report): .error(ErrorBody.Detail(code: report.code, message: report.message))
        case .welcome, .ack, .signal, .sessionRequest, .sessionQuality: nil
        }
    }

    /// The status bar's connection state for a signalling state; nil for a
    /// sign-out, which the client handles itself (it may refresh and retry).
    static func connectionStatus(for state: SignallingState, now: Date) -> ConnectionStatus? {
        switch state {
        case .connecting: .connecting
        case .online: .online
        case .reconnecting(let delay, _): .reconnecting(at: now.addingTimeInterval(seconds(delay)))
        case .signedOut: nil
        }
    }

    /// The session a pushed message concerns, if any: such messages wait
    /// while a `session.start` is unanswered (see `MonitorClient.deliver`).
    static func sessionId(of message: ServerMessage) -> UUID? {
        switch message {
        case .sessionUpdated(let session): session.id
        case .sessionEnded(let ended): ended.sessionId
        case .signal(let signal): signal.sessionId
        default: nil
        }
    }

    /// A REST failure as the monitor shows it: the server's code and
    /// sentence when it answered, the client's own otherwise.
    static func detail(for error: StreamzAPIError) -> ErrorBody.Detail {
        switch error {
        case .server(let answer): ErrorBody.Detail(code: answer.code, message: answer.message, field: answer.field)
        case .network: ErrorBody.Detail(code: "network", message: error.description)
        case .unexpectedResponse: ErrorBody.Detail(code: "unexpected_response", message: error.description)
        case .notSignedIn: ErrorBody.Detail(code: "not_signed_in", message: error.description)
        case .credentials: ErrorBody.Detail(code: "credentials", message: error.description)
        }
    }

    /// A socket request's failure. Local failures get codes of their own,
    /// never the server's `timeout` (which names a session that did not connect).
    static func detail(for error: SignallingError) -> ErrorBody.Detail {
        switch error {
        case .server(let code, let message): ErrorBody.Detail(code: code, message: message)
        case .notConnected: ErrorBody.Detail(code: "not_connected", message: error.description)
        case .disconnected: ErrorBody.Detail(code: "disconnected", message: error.description)
        case .timedOut: ErrorBody.Detail(code: "no_answer", message: error.description)
        case .encoding: ErrorBody.Detail(code: "internal", message: error.description)
        }
    }

    /// What the login form says when the signalling connection gave up for good.
    static func signedOutReason(_ reason: SignedOutReason) -> String? {
        switch reason {
        case .stopped: nil
        case .authentication(let error): "Signed out: \(error.description)"
        case .closed(let code, let reason):
            "Signed out by the server (\(code)\(reason.map { ": \($0)" } ?? "")). Log in again."
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
