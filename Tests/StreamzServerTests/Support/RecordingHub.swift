import Foundation
import StreamzProtocol
import Synchronization
@testable import StreamzServer

/// Stands in for the WebSocket hub: records every call the REST side makes
/// and answers as the hub's contract says, from the same storage.
final class RecordingHub: SessionControl, DeviceEvents, Sendable {
    enum Call: Equatable {
        case start(ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, connectionId: String)
        case end(ownerId: UUID, sessionId: UUID, reason: String?)
        case updated(deviceId: UUID, name: String, ownerId: UUID)
        case removed(deviceId: UUID, ownerId: UUID)
    }

    /// The one viewer connection id the fake knows, per owner.
    static let connectionId = "viewer-connection-1"

    let storage: ServerStorage
    let clock: TestClock
    private let recorded = Mutex<[Call]>([])
    /// When set, `startSession` throws this (to test unexpected failures).
    let failure = Mutex<(any Error & Sendable)?>(nil)

    init(storage: ServerStorage, clock: TestClock) {
        self.storage = storage
        self.clock = clock
    }

    var calls: [Call] { recorded.withLock { $0 } }

    func startSession(ownerId: UUID, deviceId: UUID, type: SessionType, quality: Quality, viewerConnectionId: String) async throws -> Session {
        recorded.withLock { $0.append(.start(ownerId: ownerId, deviceId: deviceId, type: type, quality: quality, connectionId: viewerConnectionId)) }
        if let failure = failure.withLock({ $0 }) { throw failure }
        guard viewerConnectionId == Self.connectionId else {
            throw APIError.validation("connectionId", "That is not one of your viewer connections.")
        }
        guard let device = try await storage.devices.device(id: deviceId, ownedBy: ownerId) else { throw APIError.notFound }
        guard device.online else { throw APIError.deviceOffline }
        if type.wantsVideo, !device.capabilities.camera { throw APIError.capabilityMissing("camera") }
        if type.wantsAudio, !device.capabilities.microphone { throw APIError.capabilityMissing("microphone") }
        return try await storage.sessions.createSession(ownerId: ownerId, deviceId: deviceId, type: type, quality: quality, at: clock.now)
    }

    func endSession(ownerId: UUID, sessionId: UUID, reason: String?) async throws -> Session {
        recorded.withLock { $0.append(.end(ownerId: ownerId, sessionId: sessionId, reason: reason)) }
        guard let session = try await storage.sessions.session(id: sessionId, ownerId: ownerId) else { throw APIError.notFound }
        guard !session.state.isFinal else { throw APIError.sessionNotActive }
        guard let ended = try await storage.sessions.transition(sessionId: sessionId, to: .ended, reason: reason ?? "ended_by_owner", at: clock.now)
        else { throw APIError.notFound }
        return ended
    }

    func deviceUpdated(_ device: Device, ownerId: UUID) async {
        recorded.withLock { $0.append(.updated(deviceId: device.id, name: device.name, ownerId: ownerId)) }
    }

    func deviceRemoved(deviceId: UUID, ownerId: UUID) async {
        recorded.withLock { $0.append(.removed(deviceId: deviceId, ownerId: ownerId)) }
    }
}
