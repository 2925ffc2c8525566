import Foundation
import StreamzClient
import StreamzProtocol

/// The seam for the media of sessions this monitor started: the device's
/// offer and candidates (PROTOCOL.md §3 "Sessions and signalling") go here,
/// and whatever answers them (a WebRTC viewer peer) sends its answer,
/// candidates, `session.state` and `session.stats` back through `signalling`
/// and shows decoded frames and statistics through `output`.
///
/// `MonitorClient` calls these in order for one session: `start` once the
/// server acknowledged `session.start`, `signal` for every relayed `signal`
/// of that session, `qualityChanged` after a live quality change was
/// accepted, and `stop` once when the session ended (by either party, by a
/// lost connection or because the monitor quits). Calls should return
/// promptly; long work belongs to the implementation's own tasks.
///
/// Without an implementation the monitor still starts and stops sessions;
/// the device's offer then goes unanswered and the server fails the session
/// with `timeout` after 15 seconds, which the session panel shows.
public protocol MonitorMediaSessions: Sendable {
    func start(session: Session, iceServers: [ICEServer], signalling: SignallingClient,
               output: any MonitorEventReceiver) async
    func signal(_ signal: SignalMessage) async
    func qualityChanged(sessionId: UUID, quality: Quality) async
    func stop(sessionId: UUID) async
}
