import Foundation
import StreamzProtocol

// The seam between the WebSocket hub (Hub/) and the rest of the server
// (storage, auth, REST controllers). The hub needs storage only through these
// protocols, so its tests inject in-memory stores; the GRDB-backed
// repositories conform to them. The REST controllers reach live connections
// only through `SessionControl` and `DeviceEvents`, which the hub implements.

/// Verifies an access token presented in the WebSocket `auth` message.
public protocol AccessTokenVerifier: Sendable {
    /// The user id (`sub`) of a valid access token. Throws `APIError.tokenExpired`
    /// for an expired token and `APIError.unauthorized` for any other fault.
    func verifyAccessToken(_ token: String) async throws -> UUID
}

/// The devices the hub reads and whose presence it records.
public protocol DeviceStore: Sendable {
    func devices(ownedBy userId: UUID) async throws -> [Device]
    /// `nil` when the device does not exist or belongs to someone else.
    func device(id: UUID, ownedBy userId: UUID) async throws -> Device?
    /// Records presence; returns the updated device, `nil` if it no longer exists.
    func setPresence(deviceId: UUID, online: Bool, lastSeenAt: Date) async throws -> Device?
    /// A heartbeat may carry new capabilities (PROTOCOL.md §3 Presence).
    func setCapabilities(deviceId: UUID, capabilities: Capabilities) async throws -> Device?
}

/// The sessions the hub creates and moves through their states.
public protocol SessionStore: Sendable {
    func createSession(ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, at: Date) async throws -> Session
    /// `nil` when the session does not exist or belongs to someone else.
    func session(id: UUID, ownerId: UUID) async throws -> Session?
    /// Moves a session to `state` (setting connectedAt/endedAt/endReason as fitting).
    /// A final session is returned unchanged.
    func transition(sessionId: UUID, to state: SessionState, reason: String?, at: Date) async throws -> Session?
    /// Stores a party's latest report: the viewer's as `stats`, the device's as `senderStats`.
    func recordStats(sessionId: UUID, stats: SessionStats, fromDevice: Bool) async throws -> Session?
    /// Sessions of this device that are not ended or failed.
    func activeSessions(deviceId: UUID) async throws -> [Session]
    /// Sessions left active by a previous server run: they are failed at start-up.
    func failAllActiveSessions(reason: String, at: Date) async throws
}

/// What the REST session endpoints ask of the hub.
public protocol SessionControl: Sendable {
    /// Starts a session bound to the caller's viewer connection and sends the
    /// device its `session.request`. Throws `APIError` (`validation_failed` for a
    /// missing or foreign connection, `not_found`, `device_offline`, `capability_missing`).
    func startSession(ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, viewerConnectionId: String) async throws -> Session
    /// Ends a session at an owner's request and tells both parties.
    func endSession(ownerId: UUID, sessionId: UUID, reason: String?) async throws -> Session
}

/// What the REST device endpoints tell the hub so viewers hear of edits.
public protocol DeviceEvents: Sendable {
    /// Fans `device.updated` out to the owner's viewers.
    func deviceUpdated(_ device: Device, ownerId: UUID) async
    /// Closes the device's connection with 4410, ends its sessions and fans
    /// `device.removed` out to the owner's viewers.
    func deviceRemoved(deviceId: UUID, ownerId: UUID) async
}

/// Live counts the hub keeps for `/metrics`.
public struct HubCounters: Equatable, Sendable {
    public var devicesConnected: Int
    public var viewersConnected: Int
    public var signalsRelayed: Int
    public var messagesRejected: Int

    public init(devicesConnected: Int = 0, viewersConnected: Int = 0, signalsRelayed: Int = 0, messagesRejected: Int = 0) {
        self.devicesConnected = devicesConnected
        self.viewersConnected = viewersConnected
        self.signalsRelayed = signalsRelayed
        self.messagesRejected = messagesRejected
    }
}
