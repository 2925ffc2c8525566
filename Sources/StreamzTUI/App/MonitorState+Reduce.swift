import Foundation
import StreamzProtocol

extension MonitorState {
    /// How long a notice stays in the message line.
    static let noticeLifetime: TimeInterval = 5

    /// Applies one event and returns what the client should do, in order.
    /// Pure: no I/O, no clock (time comes in with `tick`).
    public mutating func reduce(_ event: MonitorEvent) -> [MonitorCommand] {
        var commands: [MonitorCommand] = []
        switch event {
        case .key(let key) where MonitorLayout(state: self).tooSmall:
            // Nothing is visible to act on; the message offers only quitting.
            if key == .character("q") || key == .escape { commands = quit() }
        case .key(let key):
            commands = screen == .login ? reduceLoginKey(key) : reduceDeviceKey(key)
        case .click(let row, let column):
            reduceClick(row: row, column: column)
        case .resize(let newRows, let newColumns):
            rows = max(0, newRows)
            columns = max(0, newColumns)
        case .tick(let date):
            now = date
            if let notice, now.timeIntervalSince(notice.at) >= Self.noticeLifetime { self.notice = nil }
        case .client(let clientEvent):
            commands = reduceClient(clientEvent)
            reduceVideoClient(clientEvent)
        case .interrupted:
            commands = quit()
        }
        normalizeSelection()
        return commands
    }

    /// Quitting ends the live sessions first, so the devices stop sending.
    mutating func quit() -> [MonitorCommand] {
        quitRequested = true
        var commands = endBackgroundSessions()
        if let panel = session, panel.isActive, let id = panel.sessionId, !panel.stopRequested {
            commands.append(.endSession(sessionId: id))
        }
        return commands + [.quit]
    }

    mutating func showNotice(_ text: String, isError: Bool) {
        notice = Notice(text: text, isError: isError, at: now)
    }

    // MARK: - Selection

    /// Keeps the selection on its device when the list re-sorts; when the
    /// device is gone (removed or filtered out) the selection stays on the
    /// same row, clamped to the list. Then scrolls so the selection is visible.
    mutating func normalizeSelection() {
        let visible = visibleDevices
        if visible.isEmpty {
            selectedId = nil
            selectedIndex = 0
        } else if let id = selectedId, let index = visible.firstIndex(where: { $0.id == id }) {
            selectedIndex = index
        } else {
            selectedIndex = min(max(selectedIndex, 0), visible.count - 1)
            selectedId = visible[selectedIndex].id
        }
        let listRows = MonitorLayout(state: self).listRows
        if listRows <= 0 {
            scrollOffset = 0
            return
        }
        if selectedIndex < scrollOffset { scrollOffset = selectedIndex }
        if selectedIndex >= scrollOffset + listRows { scrollOffset = selectedIndex - listRows + 1 }
        scrollOffset = max(0, min(scrollOffset, max(0, visible.count - listRows)))
    }

    mutating func select(index: Int) {
        let visible = visibleDevices
        guard !visible.isEmpty else { return }
        selectedIndex = min(max(index, 0), visible.count - 1)
        selectedId = visible[selectedIndex].id
    }

    mutating func reduceClick(row: Int, column: Int) {
        switch screen {
        case .login:
            if let field = LoginView.field(atRow: row, column: column, rows: rows, columns: columns) { form.focus = field }
        case .devices:
            guard prompt == nil, !showHelp, !showsFullscreen else { return }
            let layout = MonitorLayout(state: self)
            guard !layout.tooSmall, row >= layout.listTop, row < layout.listTop + layout.listRows,
                column >= 0, column < columns
            else { return }
            let index = scrollOffset + (row - layout.listTop)
            if index < visibleDevices.count { select(index: index) }
        }
    }
}
