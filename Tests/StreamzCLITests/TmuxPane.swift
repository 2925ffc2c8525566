import Foundation

/// A tmux server of its own (`-L <unique socket>`, no user configuration)
/// with one window of a fixed size running a plain shell, for driving the
/// monitor as a person would: `send-keys` in, `capture-pane` out. The pane's
/// environment is built from scratch, so the user's TERM, NO_COLOR and XDG
/// folders never leak in.
///
/// Outside CI the tmux tests are skipped when tmux is missing; under
/// `CI=true` they run and fail, so a broken install cannot hide.
final class TmuxPane: @unchecked Sendable {
    static let executable = "/usr/bin/tmux"
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"
    static let available = required || FileManager.default.isExecutableFile(atPath: executable)

    let socket = "streamz-test-\(UUID().uuidString.prefix(8))"
    let folder: URL
    private let target = "main"

    /// Starts the tmux server with a `columns` x `rows` window running bash
    /// with the prompt `$ ` in `folder`, under `environment` (plus PATH,
    /// TERM, LANG and HOME, which default to a tmux-256color UTF-8 shell
    /// with `folder` as its home).
    init(columns: Int, rows: Int, folder: URL, environment: [String: String] = [:]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw CLITestFailure(description: "tmux is not installed (apt-get install tmux)")
        }
        self.folder = folder
        let configuration = folder.appendingPathComponent("tmux.conf")
        // No status line: the pane is the whole window. A terminal type with
        // 256 colours and the same one inside, so ncurses and tmux agree.
        try """
        set -g status off
        set -g default-terminal tmux-256color
        set -g history-limit 0
        set -g escape-time 10
        """.write(to: configuration, atomically: true, encoding: .utf8)
        var shellEnvironment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "TERM": "tmux-256color", "LANG": "C.UTF-8",
                                "HOME": folder.path, "PS1": "$ "]
        shellEnvironment.merge(environment) { _, given in given }
        let assignments = shellEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let shell = (["env", "-i"] + assignments + ["bash", "--norc", "--noprofile"]).map(Self.shellQuote).joined(separator: " ")
        try tmux(["-f", configuration.path, "new-session", "-d", "-s", target, "-x", "\(columns)", "-y", "\(rows)",
                  "-c", folder.path, shell])
    }

    deinit { close() }

    /// Ends what runs in the pane, then the tmux server. `kill-server` alone
    /// leaves the interactive shell and its foreground job running (tmux
    /// hangs up the shell's process group only), so the shell's children get
    /// SIGHUP (the monitor restores the terminal and quits) and the shell SIGKILL.
    func close() {
        if let text = try? tmux(["display-message", "-p", "-t", target, "#{pane_pid}"]),
           let shell = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), shell > 0 {
            for child in Self.children(of: shell) { kill(child, SIGHUP) }
            for _ in 0..<250 where !Self.children(of: shell).isEmpty { usleep(20_000) }
            for child in Self.children(of: shell) { kill(child, SIGKILL) }
            kill(shell, SIGKILL)
        }
        _ = try? tmux(["kill-server"])
    }

    /// The direct children of `pid` (Linux: /proc/<pid>/task/<pid>/children).
    static func children(of pid: pid_t) -> [pid_t] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else { return [] }
        return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Runs a tmux command on this server; throws with its stderr when it fails.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run(Self.executable, ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw CLITestFailure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.errors)")
        }
        return result.output
    }

    private func tmuxDetached(_ arguments: [String]) async throws -> String {
        let result = try await ProcessRunner.runDetached(Self.executable, ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw CLITestFailure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.errors)")
        }
        return result.output
    }

    /// Types `text` literally (no key names).
    func type(_ text: String) async throws {
        try await tmuxDetached(["send-keys", "-t", target, "-l", text])
    }

    /// Presses keys by tmux's names (`Enter`, `Tab`, `Escape`, `Up`, `q`, `?`).
    func press(_ keys: String...) async throws {
        try await tmuxDetached(["send-keys", "-t", target] + keys)
    }

    /// What the pane shows, one string per row; with `escapes` the colours
    /// and attributes as SGR sequences too (`capture-pane -e`).
    func capture(escapes: Bool = false) async throws -> [String] {
        let text = try await tmuxDetached(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
        return text.components(separatedBy: "\n").dropLast().map { String($0) }
    }

    /// A tmux format about the pane (`#{alternate_on}`, `#{cursor_flag}`, ...).
    func query(_ format: String) async throws -> String {
        try await tmuxDetached(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(columns: Int, rows: Int) async throws {
        try await tmuxDetached(["resize-window", "-t", target, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the pane every 10 ms until `predicate` holds, and returns the
    /// rows that satisfied it with the time it took; fails with the last
    /// screen after `timeout` (generous: a loaded machine is slow, never wrong).
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(30), escapes: Bool = false,
                 _ predicate: ([String]) -> Bool) async throws -> (rows: [String], after: Duration) {
        let start = ContinuousClock.now
        var rows: [String] = []
        while ContinuousClock.now - start < timeout {
            rows = try await capture(escapes: escapes)
            if predicate(rows) { return (rows, ContinuousClock.now - start) }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CLITestFailure(description: "timed out after \(timeout) waiting for \(what); the pane shows:\n" + rows.joined(separator: "\n"))
    }

    /// Waits until some row contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(30)) async throws -> [String] {
        try await waitFor("\"\(text)\"", timeout: timeout) { rows in rows.contains { $0.contains(text) } }.rows
    }

    static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
