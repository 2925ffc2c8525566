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
    /// Only the newest decoded frame is kept: a frame the terminal had no
    /// time for is replaced, never queued behind.
    private let latestFrame = Mutex<(sessionId: UUID, frame: I420Frame)?>(nil)
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

    /// A decoded video frame of a session, for the session panel's video pane.
    public func sendFrame(_ frame: I420Frame, sessionId: UUID) {
        latestFrame.withLock { $0 = (sessionId, frame) }
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }

    func takeFrame() -> (sessionId: UUID, frame: I420Frame)? {
        latestFrame.withLock { latest in
            defer { latest = nil }
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
