/// One line of the help overlay: the keys and what they do. The reducer's
/// key handling and this table are tested against each other, so the help
/// lists every key the device list understands.
public struct KeyBinding: Equatable, Sendable {
    public var keys: String
    public var action: String
    /// One word for the two-column help of a small terminal.
    public var short: String
}

public enum KeyBindings {
    public static let deviceList: [KeyBinding] = [
        KeyBinding(keys: "↑ ↓  j k", action: "move the selection", short: "move"),
        KeyBinding(keys: "PgUp PgDn", action: "move a page", short: "page"),
        KeyBinding(keys: "Home End", action: "first / last device", short: "ends"),
        KeyBinding(keys: "Enter", action: "start a session (video and audio the device has)", short: "start"),
        KeyBinding(keys: "v", action: "start a video session", short: "video"),
        KeyBinding(keys: "a", action: "start an audio session", short: "audio"),
        KeyBinding(keys: "b", action: "start a video and audio session", short: "both"),
        KeyBinding(keys: "1 2 3 4", action: "quality low / medium / high / auto (live)", short: "quality"),
        KeyBinding(keys: "s", action: "stop the session", short: "stop"),
        // One line for the three, so the two-column help still fits 40x12.
        KeyBinding(keys: "f g p", action: "full screen · grid of 4 (Tab: next) · save PNG", short: "views"),
        KeyBinding(keys: "r", action: "rename the device", short: "rename"),
        KeyBinding(keys: "d", action: "remove the device (asks first)", short: "remove"),
        KeyBinding(keys: "/", action: "filter by name (Enter keeps, Esc clears)", short: "filter"),
        KeyBinding(keys: "?", action: "show or hide this help", short: "help"),
        KeyBinding(keys: "q", action: "quit", short: "quit"),
        KeyBinding(keys: "click", action: "select a device", short: "select"),
    ]

    public static let loginForm: [KeyBinding] = [
        KeyBinding(keys: "Tab ↑ ↓", action: "move between fields", short: "move"),
        KeyBinding(keys: "Enter", action: "next field; log in from the password", short: "log in"),
        KeyBinding(keys: "Esc", action: "quit", short: "quit"),
    ]
}
