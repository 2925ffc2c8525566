import Foundation

struct CLITestFailure: Error, CustomStringConvertible {
    let description: String
}

/// The built `streamz` executable. `swift build --build-tests` and `swift
/// test` put it beside the test bundle; `STREAMZ_BIN` overrides, and
/// `swift build --show-bin-path` is asked as a last resort.
enum StreamzBinary {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let path: String? = {
        if let given = ProcessInfo.processInfo.environment["STREAMZ_BIN"], FileManager.default.isExecutableFile(atPath: given) {
            return given
        }
        // The test runner (…/debug/StreamzPackageTests.xctest) lives in the build products folder.
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("streamz").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        guard let binPath = try? ProcessRunner.run("/usr/bin/env", ["swift", "build", "--package-path", repository.path,
                                                                                     "--show-bin-path"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        let candidate = URL(fileURLWithPath: binPath).appendingPathComponent("streamz").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    static func require() throws -> String {
        guard let path else {
            throw CLITestFailure(description: "no built streamz executable beside the tests (run swift build first, or set STREAMZ_BIN)")
        }
        return path
    }
}

/// Short-lived helper processes (tmux commands, `streamz logout`), waited for
/// off the cooperative pool by callers that need it.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// posix_spawn and waitpid rather than `Process`: Foundation's child
    /// monitoring left the exited `tmux new-session` client unreaped (a
    /// zombie) and `waitUntilExit` never returned. Output goes to files, not
    /// pipes: the tmux server it forks would hold a pipe open forever.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-run-\(UUID().uuidString)")
        let outputPath = scratch.path + ".out", errorsPath = scratch.path + ".err"
        defer {
            unlink(outputPath)
            unlink(errorsPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, variables)
        guard spawned == 0 else { throw CLITestFailure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw CLITestFailure(description: "waitpid \(executable): \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift cannot import as macros.
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitStatus, output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                      errors: (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "")
    }

    /// `run` on a dispatch thread: a blocking wait on a test's cooperative
    /// thread would stall the in-process clients of a 2-core machine.
    static func runDetached(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(executable, arguments, environment: environment) })
            }
        }
    }
}
