import Foundation
import StreamzProtocol

extension MonitorState {
    mutating func reduceClient(_ event: ClientEvent) -> [MonitorCommand] {
        switch event {
        case .signedIn(let server, let user):
            self.server = server
            self.user = user
            screen = .devices
            connection = .connecting
            form.pending = false
            form.error = nil
            // The client keeps what it needs; the form forgets the password
            // and keeps the email for the next login.
            form.email = user.email
            form.password = ""
        case .authFailed(let detail):
            form.pending = false
            form.error = detail.message
        case .connection(let status):
            connection = status
        case .devices(let snapshot):
            devices = snapshot
            if let prompt, !snapshot.contains(where: { $0.id == prompt.deviceId }) { self.prompt = nil }
        case .deviceStatus(let deviceId, let online, let lastSeenAt):
            guard let index = devices.firstIndex(where: { $0.id == deviceId }) else { break }
            devices[index].online = online
            if let lastSeenAt { devices[index].lastSeenAt = lastSeenAt }
        case .deviceUpdated(let device):
            if let index = devices.firstIndex(where: { $0.id == device.id }) {
                devices[index] = device
            } else {
                devices.append(device)
            }
            if session?.deviceId == device.id { session?.deviceName = device.name }
        case .deviceRemoved(let deviceId):
            devices.removeAll { $0.id == deviceId }
            if prompt?.deviceId == deviceId { prompt = nil }
        case .sessionStarted(let session):
            return applySessionUpdate(session, isAck: true)
        case .sessionUpdated(let update):
            return applySessionUpdate(update, isAck: false)
        case .sessionStartFailed(let deviceId, let detail):
            guard var panel = session, panel.deviceId == deviceId, panel.sessionId == nil, panel.isActive else { break }
            panel.reason = detail.code
            panel.message = detail.message
            panel.transition(to: .failed, at: now)
            session = panel
        case .sessionStats(let sessionId, let stats):
            if session?.sessionId == sessionId { session?.stats = stats }
        case .sessionEnded(let sessionId, let reason):
            guard var panel = session, panel.sessionId == sessionId, panel.isActive else { break }
            panel.reason = reason
            // A session that ends before it ever connected, without the
            // viewer asking, failed (the server's `timeout`, `device_offline`,
            // `ice_failed` ... arrive this way: PROTOCOL.md §3).
            let failed = !panel.stopRequested && !panel.reachedConnected
            panel.transition(to: failed ? .failed : .ended, at: now)
            session = panel
        case .error(let detail):
            showNotice(detail.message, isError: true)
        case .signedOut(let reason):
            screen = .login
            user = nil
            connection = .signedOut
            devices = []
            session = nil
            prompt = nil
            showHelp = false
            editingFilter = false
            form.pending = false
            form.password = ""
            form.focus = .password
            form.error = reason
        }
        return []
    }

    /// The server's view of the session: names it (the ack), moves its
    /// state and carries the latest stats. Updates for sessions this monitor
    /// did not start (another viewer of the same account) are ignored: only
    /// the ack can name the panel's session, matched by its device.
    mutating func applySessionUpdate(_ update: Session, isAck: Bool) -> [MonitorCommand] {
        guard var panel = session else { return [] }
        let matches = panel.sessionId == update.id
            || (isAck && panel.sessionId == nil && panel.isActive && panel.deviceId == update.deviceId)
        guard matches else { return [] }
        var commands: [MonitorCommand] = []
        let newlyNamed = panel.sessionId == nil
        panel.sessionId = update.id
        if update.state != .requested { panel.transition(to: update.state, at: now) }
        if update.state.isFinal, let reason = update.endReason { panel.reason = reason }
        if let stats = update.stats { panel.stats = stats }
        if let senderStats = update.senderStats { panel.senderStats = senderStats }
        if newlyNamed, panel.isActive {
            if panel.stopRequested {
                commands.append(.endSession(sessionId: update.id))
            } else if let pending = panel.pendingQuality {
                commands.append(.setQuality(sessionId: update.id, quality: pending))
            }
        }
        panel.pendingQuality = nil
        session = panel
        return commands
    }
}

extension MonitorState.Prompt {
    public var deviceId: UUID {
        switch self {
        case .rename(let id, _), .confirmRemove(let id, _): id
        }
    }
}
