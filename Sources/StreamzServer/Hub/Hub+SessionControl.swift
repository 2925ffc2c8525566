import Foundation
import StreamzProtocol

extension Hub: SessionControl {
    /// `POST /sessions`: the `connectionId` from `welcome` must name one of
    /// the caller's open viewer connections (else `validation_failed`); the
    /// session is bound to it like a `session.start` on that socket.
    public func startSession(ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, viewerConnectionId: String) async throws -> Session {
        guard let id = UUID(uuidString: viewerConnectionId), let viewer = registry.connection(id),
            let identity = viewer.identity, identity.role == .viewer, identity.userId == ownerId, !viewer.isClosing
        else {
            throw APIError.validation("connectionId", "connectionId must name one of your open viewer connections.")
        }
        do {
            let opened = try await openSession(ownerId: ownerId, deviceId: deviceId, type: type, quality: quality, viewer: viewer)
            requestDevice(for: opened.session, iceServers: opened.iceServers)
            return opened.session
        } catch {
            throw apiError(error, during: "starting a session")
        }
    }

    /// `POST /sessions/{id}/end`: ends the session and tells both parties.
    public func endSession(ownerId: UUID, sessionId: UUID, reason: String?) async throws -> Session {
        do {
            if let entry = live[sessionId], entry.ownerId == ownerId,
                let stored = try await finish(sessionId, as: .ended, reason: reason ?? "ended")
            {
                return stored
            }
            guard let stored = try await sessions.session(id: sessionId, ownerId: ownerId) else { throw APIError.notFound }
            guard !stored.state.isFinal else { throw APIError.sessionNotActive }
            // Stored as active but bound to no live connection: close it in the store.
            guard let ended = try await sessions.transition(sessionId: sessionId, to: .ended, reason: reason ?? "ended", at: Date()) else {
                throw APIError.notFound
            }
            return ended
        } catch {
            throw apiError(error, during: "ending a session")
        }
    }
}
