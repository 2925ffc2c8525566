import Foundation
import Synchronization

/// The monitor's log file. Nothing may be printed while ncurses owns the
/// screen, so diagnostics go to `$XDG_STATE_HOME/streamz/monitor.log`
/// (XDG Base Directory: `$HOME/.local/state` when the variable is unset
/// or not absolute).
public final class MonitorLog: Sendable {
    public let url: URL
    private let handle: Mutex<FileHandle>

    /// The log's path for an environment, or nil without a usable home.
    public static func defaultURL(environment: [String: String]) -> URL? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("streamz/monitor.log")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/streamz/monitor.log")
    }

    /// Opens (creating the directory, mode 0700) and appends.
    public init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw TerminalError.system("create \(url.path)", errno)
            }
        }
        // O_APPEND: the monitor and its client layer each open the file,
        // and every line must land at the end, never over another's.
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw TerminalError.system("open \(url.path)", errno) }
        handle = Mutex(FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }

    /// One line, prefixed with the time in ISO 8601 UTC to the millisecond
    /// (latencies are read off the log).
    public func write(_ message: String, at date: Date = Date()) {
        let stamp = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let line = stamp + " " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
        handle.withLock { try? $0.write(contentsOf: Data(line.utf8)) }
    }
}

extension MonitorCommand {
    /// The command for the log, without the password.
    var logDescription: String {
        switch self {
        case .login(let server, let email, _): "login \(email) at \(server)"
        case .register(let server, let email, _): "register \(email) at \(server)"
        case .startSession(let deviceId, let type, let quality): "start \(type.rawValue)/\(quality.rawValue) on \(deviceId)"
        case .setQuality(let sessionId, let quality): "quality \(quality.rawValue) for \(sessionId)"
        case .endSession(let sessionId): "end \(sessionId)"
        case .renameDevice(let deviceId, let name): "rename \(deviceId) to \(name)"
        case .removeDevice(let deviceId): "remove \(deviceId)"
        case .quit: "quit"
        }
    }
}
