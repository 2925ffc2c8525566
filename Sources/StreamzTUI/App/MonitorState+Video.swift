import Foundation
import StreamzProtocol

/// The monitor's video views on top of the session panel: full screen, the
/// grid of live sessions, the audio meters and the statistics history.
public struct VideoState: Equatable, Sendable {
    /// The grid shows at most this many live sessions.
    public static let maxGridSessions = 4

    /// `f`: the focused session's video fills the screen.
    public var fullscreen = false
    /// `g`: the live sessions share the panel area, one cell each.
    public var grid = false
    /// Live sessions kept besides the focused `session` while the grid is on,
    /// oldest first. Each has its server id (only a named session is kept).
    public var background: [SessionPanel] = []
    public var meters: [UUID: AudioMeter] = [:]
    public var history: [UUID: StatsHistory] = [:]
    /// `p` asked for this session's current frame to be saved; the loop,
    /// which holds the frames, takes the request and reports back.
    public var snapshotRequest: UUID?

    public init() {}
}

extension MonitorState {
    /// Full screen is shown while asked for and the focused session shows video.
    public var showsFullscreen: Bool {
        screen == .devices && video.fullscreen && (session?.showsVideo ?? false)
    }

    /// The grid is shown while asked for and not full screen.
    public var showsGrid: Bool { screen == .devices && video.grid && !showsFullscreen }

    /// The sessions the grid shows, in the order they were started (ties,
    /// as with a fixed test clock, by id), so the cells stay put when Tab
    /// moves the focus.
    public var gridSessions: [SessionPanel] {
        (video.background + (session.map { [$0] } ?? [])).sorted { a, b in
            let (startA, startB) = (a.transitions.first?.at ?? .distantFuture, b.transitions.first?.at ?? .distantFuture)
            if startA != startB { return startA < startB }
            return (a.sessionId?.uuidString ?? "~") < (b.sessionId?.uuidString ?? "~")
        }
    }

    /// Keys of the video views; nil when the key is not one of theirs.
    mutating func reduceVideoKey(_ key: Key) -> [MonitorCommand]? {
        if showsFullscreen {
            switch key {
            case .escape, .character("f"):
                video.fullscreen = false
                return []
            // The list is hidden: keys that act on it would act unseen.
            case .up, .down, .home, .end, .pageUp, .pageDown, .enter, .character("j"), .character("k"),
                 .character("v"), .character("a"), .character("b"), .character("r"), .character("d"),
                 .character("/"):
                return []
            default:
                break
            }
        }
        switch key {
        case .character("f"):
            guard let panel = session, panel.isActive, panel.type.wantsVideo else {
                showNotice("No video session to show full screen.", isError: false)
                return []
            }
            video.fullscreen = true
            return []
        case .character("g"):
            return toggleGrid()
        case .tab, .backTab:
            guard showsGrid else { return nil }
            moveGridFocus(by: key == .tab ? 1 : -1)
            return []
        case .character("p"):
            guard let panel = session, panel.showsVideo, let id = panel.sessionId else {
                showNotice("No video to save: start a video session first.", isError: false)
                return []
            }
            video.snapshotRequest = id
            return []
        case .enter, .character("v"), .character("a"), .character("b"):
            return video.grid ? keepCurrentForGrid() : nil
        default:
            return nil
        }
    }

    mutating func toggleGrid() -> [MonitorCommand] {
        if !video.grid {
            video.grid = true
            showNotice("Grid: Enter, v, a or b adds the selected device (up to \(VideoState.maxGridSessions)); g again keeps only the newest.",
                       isError: false)
            return []
        }
        video.grid = false
        let commands = endBackgroundSessions()
        if !commands.isEmpty { showNotice("Grid closed: stopped \(commands.count) other session(s).", isError: false) }
        return commands
    }

    /// Tab: the next cell's session takes the focus (and `s`, `p`, `f`,
    /// `1`-`4`). A session the server has not named yet keeps it.
    mutating func moveGridFocus(by step: Int) {
        let sessions = gridSessions
        guard sessions.count > 1, let current = session, current.sessionId != nil,
              let index = sessions.firstIndex(where: { $0.sessionId == current.sessionId })
        else { return }
        let next = sessions[(index + step + sessions.count) % sessions.count]
        video.background.removeAll { $0.sessionId == next.sessionId }
        video.background.append(current)
        session = next
    }

    /// Before a start in grid mode: the live, named session moves to the
    /// background instead of being ended. Returns nil to let the usual start
    /// go ahead, or the (empty) result of refusing it.
    mutating func keepCurrentForGrid() -> [MonitorCommand]? {
        guard let current = session, current.isActive, !current.stopRequested, current.sessionId != nil else { return nil }
        guard let device = selectedDevice else { return [] }
        if gridSessions.contains(where: { $0.deviceId == device.id && $0.isActive }) {
            showNotice("\(device.name) is already in the grid.", isError: false)
            return []
        }
        guard gridSessions.count < VideoState.maxGridSessions else {
            showNotice("The grid holds \(VideoState.maxGridSessions) sessions: s stops the newest.", isError: false)
            return []
        }
        video.background.append(current)
        session = nil
        return nil
    }

    /// Ends every background session (leaving the grid, quitting).
    mutating func endBackgroundSessions() -> [MonitorCommand] {
        let commands = video.background.compactMap { panel -> MonitorCommand? in
            guard panel.isActive, !panel.stopRequested, let id = panel.sessionId else { return nil }
            return .endSession(sessionId: id)
        }
        video.background = []
        pruneVideoState()
        return commands
    }

    /// Client events for the background sessions, and the meters and
    /// history of every session; runs after the focused session's reducer.
    mutating func reduceVideoClient(_ event: ClientEvent) {
        switch event {
        case .sessionUpdated(let update), .sessionStarted(let update):
            if let stats = update.stats { recordStats(stats, of: update.id) }
            guard let index = video.background.firstIndex(where: { $0.sessionId == update.id }) else { break }
            var panel = video.background[index]
            if update.state != .requested { panel.transition(to: update.state, at: now) }
            if update.state.isFinal, let reason = update.endReason { panel.reason = reason }
            if let stats = update.stats { panel.stats = stats }
            if let senderStats = update.senderStats { panel.senderStats = senderStats }
            video.background[index] = panel
        case .sessionStats(let sessionId, let stats):
            recordStats(stats, of: sessionId)
            if let index = video.background.firstIndex(where: { $0.sessionId == sessionId }) {
                video.background[index].stats = stats
            }
        case .sessionEnded(let sessionId, let reason):
            if let index = video.background.firstIndex(where: { $0.sessionId == sessionId }) {
                video.background[index].reason = reason
                video.background[index].transition(to: .ended, at: now)
            }
        case .deviceUpdated(let device):
            for index in video.background.indices where video.background[index].deviceId == device.id {
                video.background[index].deviceName = device.name
            }
        case .signedOut:
            video = VideoState()
        default:
            break
        }
        let ended = video.background.filter { !$0.isActive }
        video.background.removeAll { !$0.isActive }
        // In the grid the newest live session takes the focus (and `s`)
        // when the focused one is over.
        if video.grid, !(session?.isActive ?? false), let next = video.background.popLast() {
            if let finished = session { showNotice("\(finished.deviceName): \(finished.state.rawValue).", isError: false) }
            session = next
        } else if let first = ended.first {
            showNotice("\(first.deviceName): \(first.state.rawValue).", isError: false)
        }
        if !(session?.showsVideo ?? false) { video.snapshotRequest = nil }
        pruneVideoState()
    }

    /// A level from the audio decoder (`MonitorEventSink.sendAudioLevel`).
    /// Only sessions on show keep a meter.
    public mutating func applyAudioLevel(sessionId: UUID, rmsDb: Double, peakDb: Double, at date: Date) {
        guard gridSessions.contains(where: { $0.sessionId == sessionId && $0.isActive }) else { return }
        if var meter = video.meters[sessionId] {
            meter.update(rmsDb: rmsDb, peakDb: peakDb, at: date)
            video.meters[sessionId] = meter
        } else {
            video.meters[sessionId] = AudioMeter(rmsDb: rmsDb, peakDb: peakDb, at: date)
        }
    }

    /// The loop takes the `p` request to carry it out.
    public mutating func takeSnapshotRequest() -> UUID? {
        defer { video.snapshotRequest = nil }
        return video.snapshotRequest
    }

    /// The loop's report on a saved (or failed) snapshot, for the message line.
    public mutating func snapshotFinished(savedTo path: String?, error: String?) {
        if let path {
            showNotice("Saved the frame to \(path)", isError: false)
        } else {
            showNotice("Could not save the frame: \(error ?? "unknown error")", isError: true)
        }
    }

    mutating func recordStats(_ stats: SessionStats, of sessionId: UUID) {
        guard gridSessions.contains(where: { $0.sessionId == sessionId }) else { return }
        video.history[sessionId, default: StatsHistory()].record(stats, at: now)
        // The server's level (RMS only) stands in while the decoder sends
        // none. Stamped with our clock: the meter's staleness is judged by it,
        // and the reporter's clock may be skewed.
        if let level = stats.audioLevelDb {
            let decoderQuiet = video.meters[sessionId].map { now.timeIntervalSince($0.updatedAt) > 2 } ?? true
            if decoderQuiet { applyAudioLevel(sessionId: sessionId, rmsDb: level, peakDb: level, at: now) }
        }
    }

    /// Meters and history only for sessions still on show.
    mutating func pruneVideoState() {
        let live = Set(gridSessions.compactMap(\.sessionId))
        video.meters = video.meters.filter { live.contains($0.key) }
        video.history = video.history.filter { live.contains($0.key) }
    }
}
