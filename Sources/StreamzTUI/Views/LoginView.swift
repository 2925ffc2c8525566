/// The login/register form, centred: server URL, email, password (masked),
/// the two buttons, and the server's error message inline under them.
public enum LoginView {
    static let boxWidth = 60
    /// Title, blank, three fields, blank, buttons, blank, two error lines, hints.
    static let height = 11
    static let labelWidth = 10

    static func top(rows: Int) -> Int { max(0, (rows - 1 - height) / 2) }
    static func left(columns: Int) -> Int { max(0, (columns - width(columns: columns)) / 2) }
    static func width(columns: Int) -> Int { min(boxWidth, max(0, columns - 2)) }

    static func row(of field: LoginForm.Field, top: Int) -> Int {
        switch field {
        case .server: top + 2
        case .email: top + 3
        case .password: top + 4
        case .login, .register: top + 6
        }
    }

    static let loginButton = "[ Log in ]"
    static let registerButton = "[ Register ]"

    /// The field under a click, for the reducer.
    public static func field(atRow row: Int, column: Int, rows: Int, columns: Int) -> LoginForm.Field? {
        let top = top(rows: rows)
        let left = left(columns: columns)
        for field in [LoginForm.Field.server, .email, .password] where row == self.row(of: field, top: top) {
            return field
        }
        guard row == self.row(of: .login, top: top) else { return nil }
        let registerStart = left + CharacterWidth.columns(of: loginButton) + 3
        if column >= left, column < left + CharacterWidth.columns(of: loginButton) { return .login }
        if column >= registerStart, column < registerStart + CharacterWidth.columns(of: registerButton) { return .register }
        return nil
    }

    public static func draw(_ state: MonitorState, into grid: inout ScreenGrid) {
        let form = state.form
        let top = top(rows: grid.rows)
        let left = left(columns: grid.columns)
        let width = width(columns: grid.columns)
        grid.put("streamz monitor", row: top, column: left, style: .accent, width: width)
        grid.put("log in or register", row: top, column: left + 17, style: .dim, width: max(0, width - 17))
        let fieldWidth = max(1, width - labelWidth - 2)
        for field in [LoginForm.Field.server, .email, .password] {
            let row = row(of: field, top: top)
            let label = field == .server ? "Server" : field == .email ? "Email" : "Password"
            let focused = form.focus == field
            grid.put(label, row: row, column: left, style: focused ? .bold : .normal, width: labelWidth)
            var text = form.text(of: field)
            if field == .password { text = String(repeating: "•", count: text.count) }
            if focused { text += "▏" }
            grid.put("[", row: row, column: left + labelWidth, style: .dim)
            grid.fill(row: row, column: left + labelWidth + 1, width: fieldWidth, style: focused ? .selection : .normal)
            grid.put(tail(text, width: fieldWidth), row: row, column: left + labelWidth + 1,
                     style: focused ? .selection : .normal, width: fieldWidth)
            grid.put("]", row: row, column: left + labelWidth + 1 + fieldWidth, style: .dim)
        }
        let buttonRow = row(of: .login, top: top)
        let after = grid.put(loginButton, row: buttonRow, column: left, style: form.focus == .login ? .selection : .bold)
        grid.put(registerButton, row: buttonRow, column: after + 3, style: form.focus == .register ? .selection : .bold)
        if form.pending {
            grid.put("Signing in…", row: top + 8, column: left, style: .accent, width: width)
        } else if let error = form.error {
            for (index, line) in wrap(error, width: width).prefix(2).enumerated() {
                grid.put(line, row: top + 8 + index, column: left, style: .error, width: width)
            }
        }
        let hints = KeyBindings.loginForm.map { $0.keys + " " + $0.short }.joined(separator: " · ")
        grid.put(hints, row: top + 10, column: left, style: .dim, width: width)
    }

    /// The end of `text` that fits, so the caret stays in view while typing.
    static func tail(_ text: String, width: Int) -> String {
        var result: [Character] = []
        var used = 0
        for character in text.reversed() {
            let w = CharacterWidth.columns(of: character)
            if used + w > width { break }
            result.append(character)
            used += w
        }
        return String(result.reversed())
    }

    /// Greedy word wrap by columns; a word longer than a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if CharacterWidth.columns(of: candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = CharacterWidth.truncate(String(word), to: width)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
