import Foundation

/// Runs small Python programs against real WebRTC stacks (aiortc, Chromium
/// through selenium) installed in the Makefile's venv (`make venv`, used by
/// `make test`), or the Python named by `STREAMZ_PYTHON`. Outside CI, tests
/// using it are skipped when the venv or a package is missing; under CI
/// (`CI=true`) they run and fail, so a broken install step cannot hide.
enum InteropPython {
    static let python: String? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = ProcessInfo.processInfo.environment["STREAMZ_PYTHON"]
            ?? repository.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    /// Under CI the interop tests must run: a missing tool is a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    /// True when the venv's Python can find `module` (checked without importing it).
    static func has(_ module: String) -> Bool {
        let check = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('\(module)') else 1)"
        guard let session = try? Session(script: check, timeoutSeconds: 30) else { return false }
        return (try? session.finishBlocking(input: "")) != nil
    }

    /// Debian's chromium and chromedriver plus selenium in the venv (INTEROP-NOTES.md).
    static let chromiumAvailable = required || (FileManager.default.isExecutableFile(atPath: "/usr/lib/chromium/chromium")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") && has("selenium"))

    /// Runs `script` with `input` on stdin and returns stdout; throws with stderr on failure.
    static func run(script: String, input: String, timeoutSeconds: Int = 90) async throws -> String {
        try await offCooperativePool { try Session(script: script, timeoutSeconds: timeoutSeconds).finishBlocking(input: input) }
    }

    /// Runs blocking pipe and process work on a dispatch thread. Swift's
    /// cooperative pool has one thread per core (two on CI): a test that
    /// blocked one while a browser starts would stall every other async test
    /// in the parallel run, and their timeouts would fire.
    static func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One running script: read some of its output, then answer on stdin.
    /// Used by one test at a time, one call after another.
    final class Session: @unchecked Sendable {
        private let process = Process()
        private let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        private let watchdog: DispatchWorkItem
        private let errorOutput = Collected()
        private let errorDrained = DispatchGroup()
        private var pending = Data()

        init(script: String, timeoutSeconds: Int = 90) throws {
            guard let python = InteropPython.python else { throw Failure(description: "no python venv") }
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script]
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            let process = process
            // A hung peer must fail the test, not hang the suite.
            watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
            try process.run()
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: watchdog)
            // Drain stderr all along so a chatty peer cannot fill the pipe and block.
            let reader = stderr.fileHandleForReading, sink = errorOutput
            errorDrained.enter()
            DispatchQueue.global().async { [errorDrained] in
                sink.data = reader.readDataToEndOfFile()
                errorDrained.leave()
            }
        }

        /// Reads stdout up to a line holding only `marker`; returns the text before it.
        func readUntil(marker: String) async throws -> String {
            try await offCooperativePool { try self.readUntilBlocking(marker: marker) }
        }

        func finish(input: String) async throws -> String {
            try await offCooperativePool { try self.finishBlocking(input: input) }
        }

        private func readUntilBlocking(marker: String) throws -> String {
            let needle = Data((marker + "\n").utf8)
            while true {
                if let range = pending.range(of: needle) {
                    let text = String(decoding: pending[..<range.lowerBound], as: UTF8.self)
                    pending.removeSubrange(..<range.upperBound)
                    return text
                }
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty {
                    _ = try finishBlocking(input: "")
                    throw Failure(description: "script ended before printing \(marker)")
                }
                pending.append(chunk)
            }
        }

        /// Writes `input`, closes stdin and returns the rest of stdout once the script exits 0.
        func finishBlocking(input: String) throws -> String {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            pending.append(stdout.fileHandleForReading.readDataToEndOfFile())
            errorDrained.wait()
            process.waitUntilExit()
            watchdog.cancel()
            guard process.terminationStatus == 0 else {
                let errors = String(decoding: errorOutput.data, as: UTF8.self)
                throw Failure(description: "python exited \(process.terminationStatus): \(errors.suffix(2000))")
            }
            return String(decoding: pending, as: UTF8.self)
        }
    }

    /// stderr bytes handed from the draining queue to the test thread (after `errorDrained.wait()`).
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}
