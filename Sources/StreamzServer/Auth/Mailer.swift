import Foundation
import Logging

/// One outgoing message.
public struct MailMessage: Equatable, Sendable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// How the server delivers mail. Streamz has no SMTP: the default writes to
/// the log, `--mail-outbox` to files an operator (or a test) picks up.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Writes the whole message, reset token included, to the server log. This
/// is on purpose: it is how an operator without mail delivers a reset, and
/// the only place a secret is ever logged.
public struct LogMailer: Mailer {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func send(_ message: MailMessage) async throws {
        logger.notice("mail to \(message.to): \(message.subject)\n\(message.body)")
    }
}

/// Writes each message as its own file (`<unix ms>-<uuid>.txt`, mode 0600)
/// in a folder, and to the log like `LogMailer`.
public struct OutboxMailer: Mailer {
    public let directory: URL
    let logger: Logger

    public init(directory: URL, logger: Logger) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.logger = logger
    }

    public func send(_ message: MailMessage) async throws {
        let milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        let file = directory.appendingPathComponent("\(milliseconds)-\(UUID().wireString).txt")
        let text = "To: \(message.to)\nSubject: \(message.subject)\n\n\(message.body)\n"
        guard FileManager.default.createFile(
            atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        try await LogMailer(logger: logger).send(message)
    }
}
