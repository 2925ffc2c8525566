import Foundation

/// A rectangle of the screen the loop fills with a session's video; the
/// views leave it blank. The one place both agree on where video goes.
public struct VideoArea: Equatable, Sendable {
    public var sessionId: UUID
    public var origin: PaneOrigin
    public var columns: Int
    public var rows: Int

    public init(sessionId: UUID, origin: PaneOrigin, columns: Int, rows: Int) {
        self.sessionId = sessionId
        self.origin = origin
        self.columns = columns
        self.rows = rows
    }
}

/// Full screen: the video over everything but the last two rows, the
/// stats line and the sparklines (or the message of the moment) under it.
public struct FullscreenLayout: Equatable, Sendable {
    public static let footerRows = 2
    public let videoRows: Int
    public let statsRow: Int
    public let footerRow: Int

    public init(rows: Int) {
        videoRows = max(0, rows - Self.footerRows)
        statsRow = rows - 2
        footerRow = rows - 1
    }
}

extension MonitorState {
    /// The grid's rectangle: the session panel's room, under a title rule.
    var gridCells: [GridCell] {
        let layout = MonitorLayout(state: self)
        return GridLayout.cells(count: gridSessions.count, top: layout.panelTop + 1,
                                rows: layout.messageRow - layout.panelTop - 1, columns: columns)
    }

    /// Where video is drawn now, per session. None while the help or a
    /// prompt is open, since the video would be written over them.
    public var videoAreas: [VideoArea] {
        let layout = MonitorLayout(state: self)
        guard screen == .devices, !layout.tooSmall, !showHelp, prompt == nil else { return [] }
        if showsFullscreen, let id = session?.sessionId {
            let full = FullscreenLayout(rows: rows)
            return full.videoRows > 0 ? [VideoArea(sessionId: id, origin: PaneOrigin(row: 0, column: 0), columns: columns, rows: full.videoRows)] : []
        }
        if showsGrid {
            return zip(gridSessions, gridCells).compactMap { panel, cell in
                guard panel.showsVideo, let id = panel.sessionId, cell.videoRows > 0 else { return nil }
                return VideoArea(sessionId: id, origin: PaneOrigin(row: cell.videoTop, column: cell.left),
                                 columns: cell.columns, rows: cell.videoRows)
            }
        }
        guard layout.videoRows > 0, let id = session?.sessionId else { return [] }
        return [VideoArea(sessionId: id, origin: PaneOrigin(row: layout.videoTop, column: 0), columns: columns, rows: layout.videoRows)]
    }
}
