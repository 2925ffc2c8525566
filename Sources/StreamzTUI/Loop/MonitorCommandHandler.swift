import Foundation
import StreamzRTC
import Synchronization

/// What the client layer implements for the monitor: it carries out the
/// reducer's commands and reports what happens through the sink.
///
/// `handle` should return promptly — once the request is sent, not when the
/// answer arrives — and report answers and server pushes later through
/// `sink`, from its own tasks; the loop awaits each call in order, so
/// commands reach the client in the order the reducer made them.
public protocol MonitorCommandHandler: Sendable {
    func handle(_ command: MonitorCommand, sink: MonitorEventSink) async
}

/// Where client events enter the monitor from any task or thread. Events
/// queue under a lock and a byte on a pipe wakes the loop's poll(2).
public final class MonitorEventSink: Sendable {
    private let queue = Mutex<[MonitorEvent]>([])
    /// Only the newest decoded frame of each session is kept: a frame the
    /// terminal had no time for is replaced, never queued behind.
    private let latestFrames = Mutex<[UUID: I420Frame]>([:])
    /// The newest audio level of each session, likewise.
    private let latestLevels = Mutex<[UUID: AudioLevel]>([:])
    let wakeReadFD: Int32
    private let wakeWriteFD: Int32

    public init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TerminalError.system("pipe", errno) }
        wakeReadFD = fds[0]
        wakeWriteFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(wakeReadFD)
        close(wakeWriteFD)
    }

    public func send(_ event: ClientEvent) {
        queue.withLock { $0.append(.client(event)) }
        var byte: UInt8 = 1
        // A full pipe already means "wake up"; the failed write loses nothing.
        _ = write(wakeWriteFD, &byte, 1)
    }

    /// A decoded video frame of a session, for its video pane.
    public func sendFrame(_ frame: I420Frame, sessionId: UUID) {
        latestFrames.withLock { $0[sessionId] = frame }
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }

    /// A session's audio level over the last block of decoded samples, in
    /// dBFS (RMS and sample peak; −∞ for silence), for its meter.
    public func sendAudioLevel(rmsDb: Double, peakDb: Double, sessionId: UUID) {
        latestLevels.withLock { $0[sessionId] = AudioLevel(rmsDb: rmsDb, peakDb: peakDb) }
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }

    /// The newest frame of each session since the last call.
    func takeFrames() -> [UUID: I420Frame] {
        latestFrames.withLock { latest in
            defer { latest.removeAll() }
            return latest
        }
    }

    func takeAudioLevels() -> [UUID: AudioLevel] {
        latestLevels.withLock { latest in
            defer { latest.removeAll() }
            return latest
        }
    }

    /// The queued events, oldest first; empties the queue and the wake pipe.
    func take() -> [MonitorEvent] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReadFD, &buffer, buffer.count) > 0 {}
        return queue.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}

/// One audio level report (`MonitorEventSink.sendAudioLevel`).
struct AudioLevel: Sendable {
    var rmsDb: Double
    var peakDb: Double
}
