import Foundation

/// Runs the monitor on a terminal: waits for input, client events, signals
/// or the next tick (poll(2) on the tty, the sink's pipe and the signal
/// pipe), feeds them to the reducer, hands the commands to the handler and
/// redraws at most `maxRedrawsPerSecond` times a second. The terminal is
/// restored when `run` returns or throws.
public final class MonitorLoop {
    public struct Configuration: Sendable {
        public var maxRedrawsPerSecond: Double
        public init(maxRedrawsPerSecond: Double = 30) {
            self.maxRedrawsPerSecond = maxRedrawsPerSecond
        }
    }

    public let terminal: Terminal
    public let sink: MonitorEventSink
    public private(set) var state: MonitorState
    let handler: any MonitorCommandHandler
    let configuration: Configuration
    let wallClock: @Sendable () -> Date
    private let clock = ContinuousClock()
    private var lastDraw: ContinuousClock.Instant?
    private var dirty = true
    private var nextTick: Date

    /// `wallClock` drives the clock, the tick and "last seen" (tests pass a fixed one).
    public init(terminal: Terminal, state: MonitorState, handler: any MonitorCommandHandler,
                sink: MonitorEventSink, configuration: Configuration = Configuration(),
                wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.terminal = terminal
        self.state = state
        self.handler = handler
        self.sink = sink
        self.configuration = configuration
        self.wallClock = wallClock
        nextTick = wallClock()
        let (rows, columns) = terminal.size
        _ = self.state.reduce(.resize(rows: rows, columns: columns))
    }

    /// Until the user quits or a signal arrives; the final state is returned.
    /// The terminal is closed on every way out.
    @discardableResult
    public func run() async -> MonitorState {
        defer { terminal.close() }
        while await step(waitMilliseconds: nil) {}
        return state
    }

    /// One turn: waits for something to do (at most `waitMilliseconds`, or
    /// until the next tick or redraw when nil), handles it and redraws if
    /// due. Returns false once the monitor should stop.
    public func step(waitMilliseconds: Int32?) async -> Bool {
        guard !terminal.isClosed else { return false }
        wait(milliseconds: waitMilliseconds ?? timeUntilDue())
        var events: [MonitorEvent] = []
        if !terminal.signals.drain().isEmpty { events.append(.interrupted) }
        events += terminal.readEvents()
        events += sink.take()
        let now = wallClock()
        if now >= nextTick {
            events.append(.tick(now))
            nextTick = Date(timeIntervalSince1970: (now.timeIntervalSince1970).rounded(.down) + 1)
        }
        for event in events {
            let before = state
            let commands = state.reduce(event)
            if state != before { dirty = true }
            if case .resize = event { terminal.invalidate() }
            for command in commands { await handler.handle(command, sink: sink) }
        }
        if state.quitRequested { return false }
        redrawIfDue()
        return true
    }

    /// Draws now if something changed and the redraw budget allows.
    func redrawIfDue() {
        guard dirty else { return }
        let interval = Duration.seconds(1 / max(1, configuration.maxRedrawsPerSecond))
        let now = clock.now
        if let lastDraw, now - lastDraw < interval { return }
        terminal.draw(MonitorView.render(state))
        lastDraw = now
        dirty = false
    }

    /// Milliseconds until the next tick, or sooner when a held-back redraw is due.
    func timeUntilDue() -> Int32 {
        var milliseconds = max(0, nextTick.timeIntervalSince(wallClock()) * 1000)
        if dirty, let lastDraw {
            let interval = 1 / max(1, configuration.maxRedrawsPerSecond)
            let elapsed = (clock.now - lastDraw) / .seconds(1)
            milliseconds = min(milliseconds, max(0, (interval - elapsed) * 1000))
        } else if dirty {
            milliseconds = 0
        }
        return Int32(min(milliseconds.rounded(.up), 1000))
    }

    private func wait(milliseconds: Int32) {
        var fds = [
            pollfd(fd: terminal.inputFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: sink.wakeReadFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: terminal.signals.readFD, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&fds, nfds_t(fds.count), milliseconds)
    }
}
