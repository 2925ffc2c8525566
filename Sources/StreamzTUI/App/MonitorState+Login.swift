import Foundation

extension MonitorState {
    /// The longest text a form field takes: PROTOCOL.md §2 caps emails at 254
    /// characters and passwords at 72 bytes; a URL gets room to spare.
    static let fieldLimit = 512

    mutating func reduceLoginKey(_ key: Key) -> [MonitorCommand] {
        switch key {
        case .escape:
            return quit()
        case .tab, .down:
            form.moveFocus(by: 1)
        case .backTab, .up:
            form.moveFocus(by: -1)
        case .enter:
            switch form.focus {
            case .server, .email: form.moveFocus(by: 1)
            case .password, .login: return submitForm(register: false)
            case .register: return submitForm(register: true)
            }
        case .backspace:
            guard form.focus.isText else { break }
            var text = form.text(of: form.focus)
            if !text.isEmpty { text.removeLast() }
            form.setText(text, of: form.focus)
        case .character(let character):
            guard form.focus.isText, !character.isControlOrNewline else { break }
            let text = form.text(of: form.focus)
            if text.count < Self.fieldLimit { form.setText(text + String(character), of: form.focus) }
        default:
            break
        }
        return []
    }

    mutating func submitForm(register: Bool) -> [MonitorCommand] {
        guard !form.pending else { return [] }
        if let problem = form.validationError() {
            form.error = problem
            return []
        }
        form.error = nil
        form.pending = true
        let server = form.server.trimmingCharacters(in: .whitespaces)
        let email = form.email.trimmingCharacters(in: .whitespaces)
        return register
            ? [.register(server: server, email: email, password: form.password)]
            : [.login(server: server, email: email, password: form.password)]
    }
}

extension Character {
    /// Control characters never go into a field or a name (PROTOCOL.md §2:
    /// names have no control characters).
    var isControlOrNewline: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.isNoncharacterCodePoint }
            || isNewline
    }
}
