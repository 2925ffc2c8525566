import StreamzProtocol

/// The device list: title, column headings and one row per device with its
/// online dot, name, kind, camera/microphone icons and presence.
public enum DeviceListView {
    static let kindWidth = 7
    static let mediaWidth = 5

    static func presenceWidth(columns: Int) -> Int { columns >= 60 ? 20 : 10 }

    static func nameWidth(columns: Int) -> Int {
        max(1, columns - 3 - (1 + kindWidth) - (1 + mediaWidth) - 2 - presenceWidth(columns: columns))
    }

    public static func draw(_ state: MonitorState, layout: MonitorLayout, into grid: inout ScreenGrid) {
        let visible = state.visibleDevices
        let online = state.devices.filter(\.online).count
        var x = grid.put(" Devices", row: layout.titleRow, column: 0, style: .bold)
        x = grid.put("  \(online) online · \(state.devices.count) total", row: layout.titleRow, column: x, style: .dim)
        if !state.filter.isEmpty || state.editingFilter {
            let label = "filter: \(state.filter)  (\(visible.count) shown) "
            let width = CharacterWidth.columns(of: label)
            if x + 2 + width <= grid.columns {
                grid.put(label, row: layout.titleRow, column: grid.columns - width, style: .accent)
            }
        }
        let compact = grid.columns < 60
        let nameWidth = nameWidth(columns: grid.columns)
        let header = "   " + CharacterWidth.pad("NAME", to: nameWidth) + " " + CharacterWidth.pad("KIND", to: kindWidth)
            + " " + CharacterWidth.pad("MEDIA", to: mediaWidth) + "  " + (compact ? "SEEN" : "PRESENCE")
        grid.put(header, row: layout.headerRow, column: 0, style: .dim)

        guard !visible.isEmpty else {
            grid.put(" " + emptyMessage(state), row: layout.listTop, column: 0, style: .dim, width: grid.columns)
            return
        }
        for line in 0..<layout.listRows {
            let index = state.scrollOffset + line
            guard index < visible.count else { break }
            drawRow(visible[index], selected: index == state.selectedIndex, row: layout.listTop + line,
                    state: state, nameWidth: nameWidth, compact: compact, into: &grid)
        }
    }

    static func emptyMessage(_ state: MonitorState) -> String {
        if !state.filter.isEmpty { return "No device matches “\(state.filter)”." }
        if state.connection != .online { return "Waiting for the server…" }
        return "No devices yet: start `streamz device` or open the device page on a phone."
    }

    static func drawRow(_ device: Device, selected: Bool, row: Int, state: MonitorState, nameWidth: Int,
                        compact: Bool, into grid: inout ScreenGrid) {
        let base: TextStyle = selected ? .selection : .normal
        if selected { grid.fill(row: row, column: 0, width: grid.columns, style: .selection) }
        var x = grid.put(selected ? "▸" : " ", row: row, column: 0, style: base)
        x = grid.put(device.online ? "●" : "○", row: row, column: x, style: selected ? .selection : device.online ? .online : .offline)
        x = grid.put(" ", row: row, column: x, style: base)
        x = grid.put(CharacterWidth.pad(device.name, to: nameWidth), row: row, column: x, style: base)
        x = grid.put(" " + CharacterWidth.pad(device.kind.rawValue, to: kindWidth) + " ", row: row, column: x,
                     style: selected ? .selection : .dim)
        x = grid.put(device.capabilities.camera ? "📷" : " ·", row: row, column: x, style: selected ? .selection : device.capabilities.camera ? .normal : .dim)
        x = grid.put(" ", row: row, column: x, style: base)
        x = grid.put(device.capabilities.microphone ? "🎤" : " ·", row: row, column: x, style: selected ? .selection : device.capabilities.microphone ? .normal : .dim)
        x = grid.put("  ", row: row, column: x, style: base)
        let presence = Format.presence(device, now: state.now, compact: compact)
        grid.put(presence, row: row, column: x, style: selected ? .selection : device.online ? .online : .offline,
                 width: presenceWidth(columns: grid.columns))
    }
}
