import Foundation
import StreamzRTC

/// Runs the monitor on a terminal: waits for input, client events, signals
/// or the next tick (poll(2) on the tty, the sink's pipe and the signal
/// pipe), feeds them to the reducer, hands the commands to the handler and
/// redraws at most `maxRedrawsPerSecond` times a second. The terminal is
/// restored when `run` returns or throws.
public final class MonitorLoop {
    public struct Configuration: Sendable {
        /// Redraws of the screen per second at most (`.infinity`: every step).
        public var maxRedrawsPerSecond: Double
        /// The video pane's pacing (`--max-kbps` goes into `maxKbps`).
        public var videoPacing: FramePacer.Configuration
        /// A frame write that takes longer than this counts as the terminal
        /// not keeping up (the pacer then steps down).
        public var writeDeadline: Duration
        /// Where `p` saves frames (`FrameSnapshot.directory(environment:)`).
        public var snapshotDirectory: URL

        public init(maxRedrawsPerSecond: Double = 30, videoPacing: FramePacer.Configuration = FramePacer.Configuration(),
                    writeDeadline: Duration = .milliseconds(100),
                    snapshotDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
            self.maxRedrawsPerSecond = maxRedrawsPerSecond
            self.videoPacing = videoPacing
            self.writeDeadline = writeDeadline
            self.snapshotDirectory = snapshotDirectory
        }
    }

    public let terminal: Terminal
    public let sink: MonitorEventSink
    public private(set) var state: MonitorState
    let handler: any MonitorCommandHandler
    let log: MonitorLog?
    let configuration: Configuration
    let wallClock: @Sendable () -> Date
    private let clock = ContinuousClock()
    private var lastDraw: ContinuousClock.Instant?
    private var dirty = true
    private var nextTick: Date
    private let origin: ContinuousClock.Instant
    /// One video pane per session with video on screen (`MonitorState.videoAreas`).
    public private(set) var panes: [UUID: VideoPane] = [:]
    /// The newest frame of each session on show, for `p`.
    private var lastFrames: [UUID: I420Frame] = [:]

    /// The focused session's video pane while it has room on screen.
    public var video: VideoPane? { state.session?.sessionId.flatMap { panes[$0] } }

    /// `wallClock` drives the clock, the tick and "last seen" (tests pass a fixed one).
    public init(terminal: Terminal, state: MonitorState, handler: any MonitorCommandHandler,
                sink: MonitorEventSink, configuration: Configuration = Configuration(), log: MonitorLog? = nil,
                wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.terminal = terminal
        self.state = state
        self.handler = handler
        self.sink = sink
        self.configuration = configuration
        self.wallClock = wallClock
        self.log = log
        nextTick = wallClock()
        origin = clock.now
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
        let terminalGone = wait(milliseconds: waitMilliseconds ?? timeUntilDue())
        var events: [MonitorEvent] = []
        if terminalGone {
            // The tty hung up (window closed, ssh dropped): nothing can be
            // read or shown any more, and polling it would spin.
            log?.write("terminal hung up: quitting")
            events.append(.interrupted)
        }
        let signals = terminal.signals.drain()
        if !signals.isEmpty {
            log?.write("signal \(signals.map(String.init).joined(separator: ",")): quitting")
            events.append(.interrupted)
        }
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
            if case .resize = event {
                terminal.invalidate()
                for id in panes.keys { panes[id]?.redrawAll() }
            }
            for command in commands {
                log?.write(command.logDescription)
                await handler.handle(command, sink: sink)
            }
        }
        for (id, level) in sink.takeAudioLevels() {
            let before = state
            state.applyAudioLevel(sessionId: id, rmsDb: level.rmsDb, peakDb: level.peakDb, at: now)
            if state != before { dirty = true }
        }
        if state.quitRequested { return false }
        let frames = sink.takeFrames()
        let onShow = Set(state.gridSessions.compactMap(\.sessionId))
        lastFrames = lastFrames.merging(frames) { _, new in new }.filter { onShow.contains($0.key) }
        if let id = state.takeSnapshotRequest() { saveSnapshot(of: id, at: now) }
        redrawIfDue()
        updateVideoAreas()
        for (id, frame) in frames { showFrame(frame, of: id) }
        return true
    }

    /// Saves the session's newest frame as a PNG and says where in the message line.
    func saveSnapshot(of sessionId: UUID, at date: Date) {
        let name = state.gridSessions.first { $0.sessionId == sessionId }?.deviceName ?? "device"
        guard let frame = lastFrames[sessionId] else {
            state.snapshotFinished(savedTo: nil, error: "no frame has arrived yet")
            dirty = true
            return
        }
        do {
            let url = try FrameSnapshot.save(frame, deviceName: name, at: date, timeZone: state.timeZone,
                                             in: configuration.snapshotDirectory)
            log?.write("snapshot saved to \(url.path)")
            state.snapshotFinished(savedTo: url.path, error: nil)
        } catch {
            log?.write("snapshot failed: \(error)")
            state.snapshotFinished(savedTo: nil, error: "\(error)")
        }
        dirty = true
    }

    /// Creates, moves or drops the video panes to match `videoAreas`; rows
    /// a pane leaves are handed back to ncurses to repaint, and since that
    /// repaint may cover another pane's cells, every pane then redraws in full.
    func updateVideoAreas() {
        let areas = state.videoAreas
        let wanted = Dictionary(areas.map { ($0.sessionId, $0) }, uniquingKeysWith: { first, _ in first })
        var changed = false
        for (id, pane) in panes {
            guard let area = wanted[id] else {
                terminal.repaint(rows: pane.origin.row..<(pane.origin.row + pane.rows))
                panes[id] = nil
                changed = true
                continue
            }
            if pane.origin != area.origin || pane.rows != area.rows || pane.columns != area.columns {
                terminal.repaint(rows: pane.origin.row..<(pane.origin.row + pane.rows))
                panes[id]?.relayout(origin: area.origin, columns: area.columns, rows: area.rows)
                changed = true
            }
        }
        for area in areas where panes[area.sessionId] == nil {
            var pacing = configuration.videoPacing
            pacing.richestColorMode = min(pacing.richestColorMode, terminal.colorMode)
            panes[area.sessionId] = VideoPane(origin: area.origin, columns: area.columns, rows: area.rows, pacing: pacing)
        }
        if changed {
            for id in panes.keys { panes[id]?.redrawAll() }
            dirty = true
        }
        // `--max-kbps` caps the terminal link, so the panes share it.
        let share = configuration.videoPacing.maxKbps.map { $0 / Double(max(1, panes.count)) }
        for (id, pane) in panes where pane.pacer.configuration.maxKbps != share { panes[id]?.setMaxKbps(share) }
    }

    /// Writes a frame of the live session into the pane, after ncurses has
    /// drawn (DECISIONS.md "Terminal renderer": direct escape sequences
    /// after the refresh, so ncurses never draws over them).
    func showFrame(_ frame: I420Frame, of sessionId: UUID) {
        guard var pane = panes[sessionId] else { return }
        if dirty { draw() }
        let before = (pane.pacer.colorMode, pane.pacer.framesPerSecond)
        let bytes = pane.frameArrived(frame, at: instant())
        if !bytes.isEmpty {
            let start = clock.now
            terminal.writeRaw(bytes)
            pane.didWrite(bytes: bytes.count, acceptedInTime: clock.now - start <= configuration.writeDeadline, at: instant())
        }
        if (pane.pacer.colorMode, pane.pacer.framesPerSecond) != before {
            log?.write("video: \(pane.pacer.colorMode) at \(Int(pane.pacer.framesPerSecond.rounded())) fps")
        }
        panes[sessionId] = pane
    }

    func instant() -> Instant { Instant(nanoseconds: (clock.now - origin).totalNanoseconds) }

    /// Draws now if something changed and the redraw budget allows.
    func redrawIfDue() {
        guard dirty else { return }
        let interval = Duration.seconds(1 / max(1, configuration.maxRedrawsPerSecond))
        let now = clock.now
        if let lastDraw, now - lastDraw < interval { return }
        draw()
    }

    func draw() {
        terminal.draw(MonitorView.render(state))
        lastDraw = clock.now
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

    /// Waits for input, a client event or a signal; true when the terminal hung up.
    private func wait(milliseconds: Int32) -> Bool {
        var fds = [
            pollfd(fd: terminal.inputFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: sink.wakeReadFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: terminal.signals.readFD, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&fds, nfds_t(fds.count), milliseconds)
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}
