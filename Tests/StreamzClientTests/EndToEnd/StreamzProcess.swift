import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `streamz` (or Python interop) process started by a test: its output lines are collected as
/// they come, so the test can wait for a line with a deadline (never a fixed sleep), and it is
/// stopped (SIGTERM, then SIGKILL) when the test is done with it.
final class StreamzProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `streamz` executable of this build: `STREAMZ_BINARY`, else beside the test bundle
    /// (`.build/<triple>/debug/`), else `.build/debug/streamz` in the repository.
    static let binary: String? = {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["STREAMZ_BINARY"] { candidates.append(explicit) }
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("streamz").path)
        candidates.append(runner.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("streamz").path)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("streamz").path)
        candidates.append(InteropProcess.repository.appendingPathComponent(".build/debug/streamz").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let name: String
    private let process = Process()
    private let lock = NSLock()
    private var lines: [String] = []
    private var errorText = Data()
    private var partial = Data()

    /// Starts `executable` with `arguments`; `environment` is added to this process's.
    init(_ name: String, executable: String, arguments: [String], environment: [String: String] = [:]) throws {
        self.name = name
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = Pipe()
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.collect(handle.availableData) }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.errorText.append(data) }
        }
        try process.run()
    }

    /// `streamz <arguments>`.
    static func streamz(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> StreamzProcess {
        guard let binary else { throw Failure(description: "no streamz binary: build it first (swift build) or set STREAMZ_BINARY") }
        return try StreamzProcess(name, executable: binary, arguments: arguments, environment: environment)
    }

    private func collect(_ data: Data) {
        lock.withLock {
            partial.append(data)
            while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                partial.removeSubrange(partial.startIndex...newline)
            }
        }
    }

    var output: [String] { lock.withLock { lines } }
    var errorOutput: String { lock.withLock { String(decoding: errorText, as: UTF8.self) } }
    var isRunning: Bool { process.isRunning }

    /// The JSON objects among the output lines.
    var jsonLines: [[String: Any]] {
        output.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Polls (every 50 ms) until `match` holds for a line, or fails after `seconds`.
    @discardableResult
    func waitForLine(seconds: Double, _ match: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let line = output.first(where: match) { return line }
            if !process.isRunning, let line = output.first(where: match) { return line }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "\(name): no matching line within \(seconds) s; output: \(output.suffix(20)) errors: \(errorOutput.suffix(3000))")
    }

    /// Waits for the process to exit on its own (polling), and returns its status.
    func waitForExit(seconds: Double) async throws -> Int32 {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "\(name) still running after \(seconds) s; output: \(output.suffix(20)) errors: \(errorOutput.suffix(3000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.waitUntilExit()
        // The readability handler may still hold the last chunk: give it a moment to land.
        try await Task.sleep(for: .milliseconds(100))
        return process.terminationStatus
    }

    /// SIGTERM, then SIGKILL after 5 s.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
