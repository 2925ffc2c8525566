import Foundation
import StreamzClient
import StreamzMonitor
import StreamzProtocol
import StreamzRTC
import StreamzTUI
import Synchronization

/// Collects what the monitor's client layer reports, for tests to wait on in order.
final class ClientEventRecorder: MonitorEventReceiver {
    private let events = Mutex<[ClientEvent]>([])
    private let frames = Mutex<Int>(0)
    private let levels = Mutex<Int>(0)
    /// Events before this index were consumed by an earlier `next`.
    private let cursor = Mutex<Int>(0)

    func send(_ event: ClientEvent) { events.withLock { $0.append(event) } }

    func sendFrame(_ frame: I420Frame, sessionId: UUID) { frames.withLock { $0 += 1 } }

    func sendAudioLevel(rmsDb: Double, peakDb: Double, sessionId: UUID) { levels.withLock { $0 += 1 } }

    var frameCount: Int { frames.withLock { $0 } }
    var audioLevelCount: Int { levels.withLock { $0 } }

    var all: [ClientEvent] { events.withLock { $0 } }

    /// The first event after the cursor that `match` maps to a value; the
    /// cursor moves past it. Polls every 5 ms until `timeout`.
    func next<T>(_ what: String, timeout: Duration = .seconds(30), _ match: (ClientEvent) -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let snapshot = all
            let start = cursor.withLock { $0 }
            for index in start..<snapshot.count {
                if let value = match(snapshot[index]) {
                    cursor.withLock { $0 = index + 1 }
                    return value
                }
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw CLITestFailure(description: "no \(what) within \(timeout); events: \(all)")
    }

    /// Waits for an event equal to `expected`.
    func next(_ expected: ClientEvent, timeout: Duration = .seconds(30)) async throws {
        _ = try await next("\(expected)", timeout: timeout) { $0 == expected ? true : nil }
    }
}

/// A media seam that records what the client hands it, in order.
final class MediaRecorder: MonitorMediaSessions {
    enum Call: Equatable {
        case start(sessionId: UUID, iceServerCount: Int)
        case signal(SignalMessage)
        case quality(UUID, Quality)
        case stop(UUID)
    }

    private let calls = Mutex<[Call]>([])

    var all: [Call] { calls.withLock { $0 } }

    func start(session: Session, iceServers: [ICEServer], signalling: SignallingClient,
               output: any MonitorEventReceiver) async {
        calls.withLock { $0.append(.start(sessionId: session.id, iceServerCount: iceServers.count)) }
    }

    func signal(_ signal: SignalMessage) async { calls.withLock { $0.append(.signal(signal)) } }

    func qualityChanged(sessionId: UUID, quality: Quality) async { calls.withLock { $0.append(.quality(sessionId, quality)) } }

    func stop(sessionId: UUID) async { calls.withLock { $0.append(.stop(sessionId)) } }

    func waitFor(_ what: String, timeout: Duration = .seconds(30), _ done: ([Call]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if done(all) { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw CLITestFailure(description: "media seam: no \(what) within \(timeout); calls: \(all)")
    }
}
