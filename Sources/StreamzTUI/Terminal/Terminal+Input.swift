import CNcursesw
import CStreamzShims

extension Terminal {
    /// Everything the terminal has ready, without waiting: keys, clicks and
    /// resizes as monitor events. ncurses reads its input buffer first, so
    /// this drains until wget_wch reports nothing left.
    public func readEvents() -> [MonitorEvent] {
        guard !isClosed, let window else { return [] }
        var events: [MonitorEvent] = []
        var value: wint_t = 0
        while true {
            let result = wget_wch(window, &value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if let event = functionKeyEvent(Int32(truncatingIfNeeded: value)) { events.append(event) }
            } else if let scalar = Unicode.Scalar(UInt32(value)), let key = KeyTranslation.key(for: scalar) {
                events.append(.key(key))
            }
        }
        return events
    }

    private func functionKeyEvent(_ code: Int32) -> MonitorEvent? {
        switch code {
        case KEY_RESIZE:
            let (rows, columns) = size
            return .resize(rows: rows, columns: columns)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let pressed = UInt(truncatingIfNeeded: event.bstate)
            let wanted = UInt(streamz_mouse_button1_pressed() | streamz_mouse_button1_clicked())
            guard pressed & wanted != 0 else { return nil }
            return .click(row: Int(event.y), column: Int(event.x))
        default:
            return KeyTranslation.key(forFunctionKey: code).map(MonitorEvent.key)
        }
    }
}

/// ncurses' key codes and control characters to `Key`. Pure, so the table is testable.
public enum KeyTranslation {
    public static func key(forFunctionKey code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        default: nil
        }
    }

    /// A character from wget_wch. With `nonl()` Return arrives as CR; both
    /// DEL and BS mean backspace depending on the terminal's settings.
    public static func key(for scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 9: .tab
        case 10, 13: .enter
        case 8, 127: .backspace
        case 27: .escape
        case 0..<32: nil
        default: .character(Character(scalar))
        }
    }
}
