import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flags of `streamz device` and `streamz watch` with their `STREAMZ_<FLAG_IN_CAPS>` fallbacks
/// (PROTOCOL.md §5): a flag given on the command line wins over its variable.
struct CommandEnvironment {
    var variables: [String: String] = ProcessInfo.processInfo.environment

    /// `name-of-flag` → `STREAMZ_NAME_OF_FLAG`.
    static func variableName(_ flag: String) -> String {
        "STREAMZ_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The option's value, else its variable's (empty counts as unset), else `fallback`.
    func value(_ given: String?, flag: String, default fallback: String? = nil) -> String? {
        if let given { return given }
        if let text = variables[Self.variableName(flag)], !text.isEmpty { return text }
        return fallback
    }

    /// A required option: missing from both places is a usage error naming both.
    func required(_ given: String?, flag: String) throws -> String {
        guard let value = value(given, flag: flag) else {
            throw ValidationError("Missing --\(flag) (or \(Self.variableName(flag))).")
        }
        return value
    }

    /// A boolean flag: set on the command line, or its variable is 1/true/yes.
    func flag(_ given: Bool, flag: String) throws -> Bool {
        if given { return true }
        guard let text = variables[Self.variableName(flag)], !text.isEmpty else { return false }
        switch text.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: throw ValidationError("\(Self.variableName(flag)) expects true or false, got \(text.debugDescription).")
        }
    }

    /// `STREAMZ_PASSWORD`, or a prompt on the terminal with echo off; never argv (PROTOCOL.md §5).
    func password(for email: String) throws -> String {
        if let password = variables["STREAMZ_PASSWORD"], !password.isEmpty { return password }
        FileHandle.standardError.write(Data("Password for \(email): ".utf8))
        let password = Self.readWithoutEcho()
        FileHandle.standardError.write(Data("\n".utf8))
        guard let password, !password.isEmpty else {
            throw ValidationError("No password: set STREAMZ_PASSWORD or type it at the prompt.")
        }
        return password
    }

    /// One line from standard input; when it is a terminal, ECHO is off while it is typed.
    private static func readWithoutEcho() -> String? {
        var saved = termios()
        let isTerminal = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved) == 0
        if isTerminal {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer { if isTerminal { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) } }
        return readLine(strippingNewline: true)
    }
}

/// Runs `action` once on SIGINT or SIGTERM (Ctrl-C, `kill`), so the commands end their sessions
/// with `session.end` instead of leaving the server to notice a dropped socket.
/// `@unchecked`: the dispatch sources are set up once in `init` and only cancelled afterwards.
final class TerminationSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(_ action: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}
