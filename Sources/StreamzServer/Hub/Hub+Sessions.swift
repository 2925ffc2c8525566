import Foundation
import StreamzProtocol

extension Hub {
    /// Starts a session for a viewer connection, from `session.start` or the
    /// REST call (PROTOCOL.md §3): checks, stores, binds it to the viewer and
    /// the device's current connection, and starts its connect timeout. The
    /// caller answers the viewer first; `requestDevice` then sends `session.request`.
    func openSession(
        ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, viewer: HubConnection
    ) async throws -> (session: Session, iceServers: [ICEServer]) {
        guard let device = try await devices.device(id: deviceId, ownedBy: ownerId) else { throw APIError.notFound }
        guard let current = registry.deviceConnection(deviceId), !current.isClosing else { throw APIError.deviceOffline }
        if type.wantsVideo && !device.capabilities.camera { throw APIError.capabilityMissing("camera") }
        if type.wantsAudio && !device.capabilities.microphone { throw APIError.capabilityMissing("microphone") }
        let servers = await iceServers(ownerId)
        let session = try await sessions.createSession(ownerId: ownerId, deviceId: deviceId, type: type, quality: quality, at: Date())
        // The awaits above let other messages in: the viewer may have left
        // or the device gone offline (or reconnected) meanwhile.
        guard !viewer.isClosing, registry.connection(viewer.id) != nil else {
            _ = try? await sessions.transition(sessionId: session.id, to: .ended, reason: "peer_disconnected", at: Date())
            throw APIError.validation("connectionId", "The viewer connection closed while the session was starting.")
        }
        guard let deviceConnection = registry.deviceConnection(deviceId), !deviceConnection.isClosing else {
            _ = try? await sessions.transition(sessionId: session.id, to: .failed, reason: "device_offline", at: Date())
            throw APIError.deviceOffline
        }
        var entry = LiveSession(session: session, ownerId: ownerId, viewerConnection: viewer.id, deviceConnection: deviceConnection.id)
        entry.timeout = Task { [timeout = configuration.sessionTimeout] in
            do { try await Task.sleep(for: timeout) } catch { return }
            await self.sessionTimedOut(session.id)
        }
        live[session.id] = entry
        return (session, servers)
    }

    /// Sends the device its `session.request` and tells the owner's viewers.
    func requestDevice(for session: Session, iceServers: [ICEServer]) {
        guard let entry = live[session.id] else { return }
        sendToViewers(of: entry.ownerId, .sessionUpdated(session))
        send(.sessionRequest(.init(session: session, iceServers: iceServers)), toConnection: entry.deviceConnection)
    }

    private func sessionTimedOut(_ sessionId: UUID) async {
        guard let entry = live[sessionId], entry.session.state != .connected else { return }
        _ = try? await finish(sessionId, as: .failed, reason: "timeout")
    }

    /// Ends a live session: it leaves the table at once (so nothing more is
    /// relayed), both parties get `session.ended`, the store records the
    /// final state and the owner's viewers get `session.updated`. `nil` when
    /// the session was not live.
    @discardableResult
    func finish(_ sessionId: UUID, as state: SessionState, reason: String) async throws -> Session? {
        guard let entry = live.remove(sessionId) else { return nil }
        entry.cancelTimers()
        let ended = ServerMessage.sessionEnded(.init(sessionId: sessionId, reason: reason))
        send(ended, toConnection: entry.viewerConnection)
        send(ended, toConnection: entry.deviceConnection)
        guard let stored = try await sessions.transition(sessionId: sessionId, to: state, reason: reason, at: Date()) else { return nil }
        sendToViewers(of: entry.ownerId, .sessionUpdated(stored))
        return stored
    }

    /// Ends every session a connection is a party to.
    func endSessions(involving connectionId: UUID, reason: String) async {
        for sessionId in live.ids(involving: connectionId) {
            do {
                try await finish(sessionId, as: .ended, reason: reason)
            } catch {
                _ = apiError(error, during: "ending a session")
            }
        }
    }

    /// The live session a message names, if the sender is one of its two
    /// parties. Someone else gets `forbidden` when the session is their
    /// user's, `not_found` otherwise, so ids cannot be probed across users;
    /// a session that already ended is `session_not_active`.
    func party(in sessionId: UUID, for connection: HubConnection, identity: HubConnection.Identity) async throws -> (LiveSession, SessionParty) {
        if let entry = live[sessionId] {
            if let party = entry.party(of: connection.id) { return (entry, party) }
            throw entry.ownerId == identity.userId ? APIError.forbidden : APIError.notFound
        }
        if let stored = try await sessions.session(id: sessionId, ownerId: identity.userId), stored.state.isFinal {
            throw APIError.sessionNotActive
        }
        throw APIError.notFound
    }
}
