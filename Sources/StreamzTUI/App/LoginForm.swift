import Foundation

/// The login/register form: three text fields and two buttons, one focused.
public struct LoginForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case server, email, password, login, register

        public var isText: Bool { self == .server || self == .email || self == .password }
    }

    public var server: String
    public var email: String
    public var password: String
    public var focus: Field
    /// The server's (or our own validation's) message, shown under the form.
    public var error: String?
    /// A request is in flight: the form shows it and ignores a second submit.
    public var pending: Bool

    public init(server: String = "http://127.0.0.1:8080", email: String = "", password: String = "") {
        self.server = server
        self.email = email
        self.password = password
        focus = email.isEmpty ? .email : .password
        error = nil
        pending = false
    }

    public func text(of field: Field) -> String {
        switch field {
        case .server: server
        case .email: email
        case .password: password
        case .login, .register: ""
        }
    }

    mutating func setText(_ text: String, of field: Field) {
        switch field {
        case .server: server = text
        case .email: email = text
        case .password: password = text
        case .login, .register: break
        }
    }

    mutating func moveFocus(by step: Int) {
        let all = Field.allCases
        let next = (focus.rawValue + step + all.count) % all.count
        focus = all[next]
    }

    /// What is wrong with the fields before asking the server, or nil. The
    /// server validates again (PROTOCOL.md §2 Auth); this only saves a round
    /// trip for an empty field or a URL that cannot be one.
    func validationError() -> String? {
        let trimmedServer = server.trimmingCharacters(in: .whitespaces)
        if !(trimmedServer.hasPrefix("http://") || trimmedServer.hasPrefix("https://")) {
            return "The server URL must start with http:// or https://."
        }
        if email.trimmingCharacters(in: .whitespaces).isEmpty { return "Enter your email." }
        if password.isEmpty { return "Enter your password." }
        return nil
    }
}
