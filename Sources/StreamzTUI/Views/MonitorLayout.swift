/// Where each part of the device screen goes for a terminal size. The
/// reducer uses it too (scrolling, mapping a click to a row), so what is
/// drawn and what is clicked never disagree.
public struct MonitorLayout: Equatable, Sendable {
    public static let minimumRows = 12
    public static let minimumColumns = 40
    /// The session panel: a title rule, the transitions, the state line and two stats lines.
    public static let panelHeight = 5

    public let rows: Int
    public let columns: Int
    public let tooSmall: Bool
    public let titleRow = 0
    public let headerRow = 1
    public let listTop = 2
    public let listRows: Int
    public let panelTop: Int
    public let panelRows: Int
    public let messageRow: Int
    public let statusRow: Int
    /// The video pane inside the session panel, under the stats: rows the
    /// views leave blank and the loop fills with `VideoPane` (0 rows when
    /// there is no connected video session or no room for it).
    public let videoTop: Int
    public let videoRows: Int

    /// The list keeps at least this many rows (or a third of the room) when
    /// the video takes the rest; a pane of fewer rows is not worth showing.
    static let minimumListRows = 3
    static let minimumVideoRows = 4

    public init(rows: Int, columns: Int, hasSession: Bool, showsVideo: Bool = false) {
        self.rows = rows
        self.columns = columns
        tooSmall = rows < Self.minimumRows || columns < Self.minimumColumns
        statusRow = rows - 1
        messageRow = rows - 2
        let room = messageRow - listTop - (hasSession ? Self.panelHeight : 0)
        let video = showsVideo && hasSession && !tooSmall ? room - max(Self.minimumListRows, room / 3) : 0
        videoRows = video >= Self.minimumVideoRows ? video : 0
        panelRows = hasSession ? Self.panelHeight + videoRows : 0
        panelTop = messageRow - panelRows
        videoTop = panelTop + Self.panelHeight
        listRows = tooSmall ? 0 : max(0, panelTop - listTop)
    }

    public init(state: MonitorState) {
        // The grid takes the room a video pane would.
        self.init(rows: state.rows, columns: state.columns, hasSession: state.session != nil,
                  showsVideo: (state.session?.showsVideo ?? false) || state.showsGrid)
    }
}
