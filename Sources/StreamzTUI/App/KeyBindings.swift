/// One line of the help overlay: the keys and what they do. The reducer's
/// key handling and this table are tested against each other, so the help
/// lists every key the device list understands.
public struct KeyBinding: Equatable, Sendable {
    public var keys: String
    public var action: String
}

public enum KeyBindings {
    public static let deviceList: [KeyBinding] = [
        KeyBinding(keys: "↑ ↓  j k", action: "move the selection"),
        KeyBinding(keys: "Enter", action: "start a session (video and audio the device has)"),
        KeyBinding(keys: "v", action: "start a video session"),
        KeyBinding(keys: "a", action: "start an audio session"),
        KeyBinding(keys: "b", action: "start a video and audio session"),
        KeyBinding(keys: "1 2 3 4", action: "quality low / medium / high / auto (live)"),
        KeyBinding(keys: "s", action: "stop the session"),
        KeyBinding(keys: "r", action: "rename the device"),
        KeyBinding(keys: "d", action: "remove the device (asks first)"),
        KeyBinding(keys: "/", action: "filter by name (Enter keeps, Esc clears)"),
        KeyBinding(keys: "?", action: "show or hide this help"),
        KeyBinding(keys: "q", action: "quit"),
        KeyBinding(keys: "click", action: "select a device"),
    ]

    public static let loginForm: [KeyBinding] = [
        KeyBinding(keys: "Tab ↑ ↓", action: "move between fields"),
        KeyBinding(keys: "Enter", action: "next field; log in from the password"),
        KeyBinding(keys: "Esc", action: "quit"),
    ]
}
