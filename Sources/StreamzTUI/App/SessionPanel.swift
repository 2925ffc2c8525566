import Foundation
import StreamzProtocol

/// The active (or last) session as the monitor shows it: its transitions in
/// order, the failure reason and the latest statistics.
public struct SessionPanel: Equatable, Sendable {
    public struct Transition: Equatable, Sendable {
        public var state: SessionState
        public var at: Date
    }

    public var deviceId: UUID
    public var deviceName: String
    /// Nil until the server acknowledges `session.start` with the session.
    public var sessionId: UUID?
    public var type: SessionType
    public var quality: Quality
    public var transitions: [Transition]
    /// The server's reason for `failed` or `ended` (`device_offline`, `timeout`, ...).
    public var reason: String?
    /// The server's sentence for a refused start, when it gave one.
    public var message: String?
    /// The viewer's latest statistics and the sender's.
    public var stats: SessionStats?
    public var senderStats: SessionStats?
    /// The viewer pressed `s` before the server named the session: end it
    /// as soon as its id arrives.
    public var stopRequested: Bool
    /// A quality change made before the server named the session: sent with its id.
    public var pendingQuality: Quality?

    init(deviceId: UUID, deviceName: String, type: SessionType, quality: Quality, at: Date) {
        self.deviceId = deviceId
        self.deviceName = deviceName
        sessionId = nil
        self.type = type
        self.quality = quality
        transitions = [Transition(state: .requested, at: at)]
        reason = nil
        message = nil
        stats = nil
        senderStats = nil
        stopRequested = false
        pendingQuality = nil
    }

    public var state: SessionState { transitions.last?.state ?? .requested }
    public var isActive: Bool { !state.isFinal }
    /// A connected session with video: the panel makes room for the picture.
    public var showsVideo: Bool { state == .connected && type.wantsVideo && !stopRequested }
    public var reachedConnected: Bool { transitions.contains { $0.state == .connected } }

    /// Appends a transition unless it repeats the current state or leaves a
    /// final one (SessionState: ended and failed take no further transitions).
    mutating func transition(to next: SessionState, at: Date) {
        guard next != state, !state.isFinal else { return }
        transitions.append(Transition(state: next, at: at))
    }
}
