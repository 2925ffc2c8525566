import Foundation
import StreamzClient
import StreamzProtocol
import StreamzTUI

// The viewer connection's events (PROTOCOL.md §3) as the monitor's.
extension MonitorClient {
    func deliver(_ event: SignallingEvent, generation: Int) async {
        guard let current = account, current.generation == generation else { return }
        switch event {
        case .state(let state):
            logger.info("connection \(Self.describe(state))")
            if case .online(let welcome) = state { await cameOnline(welcome, generation: generation) }
            if let status = MonitorEventMapping.connectionStatus(for: state, now: Date()) {
                output.send(.connection(status))
            }
            if case .signedOut(let reason) = state { await connectionEnded(reason, generation: generation) }
        case .message(let message):
            if startPending, MonitorEventMapping.sessionId(of: message) != nil {
                held.append(message)
            } else {
                await route(message)
            }
        }
    }

    /// One server push, in order: presence and edits go straight to the
    /// screen; a session's signals go to the media seam, and its end
    /// releases its media.
    func route(_ message: ServerMessage) async {
        switch message {
        case .signal(let signal):
            guard ownSessions.contains(signal.sessionId) else {
                logger.debug("dropping a signal for session \(signal.sessionId), not started here")
                return
            }
            if let media = configuration.media {
                await media.signal(signal)
            } else {
                logger.info("no media support: the device's signal for \(signal.sessionId) goes unanswered")
            }
        case .sessionEnded(let ended):
            logger.info("session \(ended.sessionId) ended: \(ended.reason)")
            output.send(.sessionEnded(sessionId: ended.sessionId, reason: ended.reason))
            await release(ended.sessionId)
        case .sessionUpdated(let session):
            output.send(.sessionUpdated(session))
            if session.state.isFinal { await release(session.id) }
        case .devices, .devicesPart:
            if let devices = snapshot.take(message) { output.send(.devices(devices)) }
        case .deviceStatus(let status):
            // The presence latency is read off these lines (see the README's note).
            logger.info("device \(status.deviceId) \(status.online ? "online" : "offline")")
            output.send(.deviceStatus(deviceId: status.deviceId, online: status.online, lastSeenAt: status.lastSeenAt))
        default:
            if let event = MonitorEventMapping.clientEvent(for: message) { output.send(event) }
        }
    }

    /// Forgets an own session and stops its media, once.
    func release(_ sessionId: UUID) async {
        guard ownSessions.remove(sessionId) != nil else { return }
        await configuration.media?.stop(sessionId: sessionId)
    }

    /// `welcome`: after a reconnection, sessions started on the lost
    /// connection were ended by the server (`peer_disconnected`) while no
    /// socket could hear it, so their state is fetched.
    private func cameOnline(_ welcome: ServerMessage.Welcome, generation: Int) async {
        guard var current = account, current.generation == generation else { return }
        let reconnected = current.wasOnline
        current.welcome = welcome
        current.wasOnline = true
        account = current
        snapshot.reset()
        guard reconnected else { return }
        for id in ownSessions {
            do {
                let session = try await current.api.session(id: id)
                output.send(.sessionUpdated(session))
                if session.state.isFinal { await release(id) }
            } catch {
                logger.warning("could not fetch session \(id) after reconnecting: \(error)")
            }
        }
    }

    /// The connection gave up. A 4401 (token refused at `auth`, say after a
    /// clock jump) is answered once with a refresh and a new connection; a
    /// refused refresh, or any other final close, signs out.
    private func connectionEnded(_ reason: SignedOutReason, generation: Int) async {
        guard let current = account, current.generation == generation else { return }
        if case .stopped = reason { return }
        if case .closed(let code, _) = reason, code == WSCloseCode.unauthorized.rawValue, !current.retriedAuthentication {
            do {
                try await current.api.refresh()
                guard account?.generation == generation else { return }
                logger.info("access token refused at auth; refreshed, reconnecting")
                await connect(current.api, retriedAuthentication: true)
                return
            } catch {
                guard account?.generation == generation else { return }
                await signOut(reason: "Signed out: \(error.description)")
                return
            }
        }
        await signOut(reason: MonitorEventMapping.signedOutReason(reason))
    }

    static func describe(_ state: SignallingState) -> String {
        switch state {
        case .connecting: "connecting"
        case .online(let welcome): "online as \(welcome.connectionId)"
        case .reconnecting(let delay, let attempt): "lost; retry \(attempt) in \(delay)"
        case .signedOut(let reason): "signed out (\(reason))"
        }
    }
}
