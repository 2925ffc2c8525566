import Foundation
import StreamzProtocol
@testable import StreamzServer

/// Tokens are looked up in a table; `expired` stands for an expired token.
struct TestTokenVerifier: AccessTokenVerifier {
    let users: [String: UUID]

    func verifyAccessToken(_ token: String) async throws -> UUID {
        if token == "expired" { throw APIError.tokenExpired }
        guard let userId = users[token] else { throw APIError.unauthorized }
        return userId
    }
}

/// Devices in memory, with the ownership rules of the real store.
actor InMemoryDeviceStore: DeviceStore {
    private var devices: [UUID: (owner: UUID, device: Device)] = [:]

    @discardableResult
    func add(owner: UUID, name: String, camera: Bool = true, microphone: Bool = true) -> Device {
        let device = Device(
            id: UUID(), name: name, kind: .agent, platform: "linux",
            capabilities: Capabilities(camera: camera, microphone: microphone),
            online: false, lastSeenAt: nil, createdAt: Date())
        devices[device.id] = (owner, device)
        return device
    }

    func remove(_ id: UUID) { devices[id] = nil }

    func stored(_ id: UUID) -> Device? { devices[id]?.device }

    func devices(ownedBy userId: UUID) async throws -> [Device] {
        devices.values.filter { $0.owner == userId }.map(\.device).sorted { $0.name < $1.name }
    }

    func device(id: UUID, ownedBy userId: UUID) async throws -> Device? {
        guard let entry = devices[id], entry.owner == userId else { return nil }
        return entry.device
    }

    func setPresence(deviceId: UUID, online: Bool, lastSeenAt: Date) async throws -> Device? {
        guard var entry = devices[deviceId] else { return nil }
        entry.device.online = online
        entry.device.lastSeenAt = lastSeenAt
        devices[deviceId] = entry
        return entry.device
    }

    func setCapabilities(deviceId: UUID, capabilities: Capabilities) async throws -> Device? {
        guard var entry = devices[deviceId] else { return nil }
        entry.device.capabilities = capabilities
        devices[deviceId] = entry
        return entry.device
    }
}

/// Sessions in memory, moving through states as the contract says.
actor InMemorySessionStore: SessionStore {
    private var sessions: [UUID: (owner: UUID, session: Session)] = [:]

    func stored(_ id: UUID) -> Session? { sessions[id]?.session }

    func createSession(ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, at: Date) async throws -> Session {
        let session = Session(id: UUID(), deviceId: deviceId, type: type, quality: quality, state: .requested, createdAt: at)
        sessions[session.id] = (ownerId, session)
        return session
    }

    func session(id: UUID, ownerId: UUID) async throws -> Session? {
        guard let entry = sessions[id], entry.owner == ownerId else { return nil }
        return entry.session
    }

    func transition(sessionId: UUID, to state: SessionState, reason: String?, at: Date) async throws -> Session? {
        guard var entry = sessions[sessionId] else { return nil }
        guard !entry.session.state.isFinal else { return entry.session }
        entry.session.state = state
        if state == .connected, entry.session.connectedAt == nil { entry.session.connectedAt = at }
        if state.isFinal {
            entry.session.endedAt = at
            entry.session.endReason = reason
        }
        sessions[sessionId] = entry
        return entry.session
    }

    func recordStats(sessionId: UUID, stats: SessionStats, fromDevice: Bool) async throws -> Session? {
        guard var entry = sessions[sessionId] else { return nil }
        if fromDevice { entry.session.senderStats = stats } else { entry.session.stats = stats }
        sessions[sessionId] = entry
        return entry.session
    }

    func activeSessions(deviceId: UUID) async throws -> [Session] {
        sessions.values.map(\.session).filter { $0.deviceId == deviceId && !$0.state.isFinal }
    }

    func failAllActiveSessions(reason: String, at: Date) async throws {
        for id in sessions.keys {
            _ = try await transition(sessionId: id, to: .failed, reason: reason, at: at)
        }
    }
}
