import Foundation
import Testing

/// A Python peer (Tests/Interop/aiortc_peer.py, or a selenium driver) speaking JSON lines, run with
/// the Makefile's venv (`make test` sets STREAMZ_PYTHON). Outside CI the tests are skipped when the
/// venv is missing; under CI (`CI=true`) they run and fail, so a broken install cannot hide.
final class InteropProcess: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let python: String? = {
        let candidate = ProcessInfo.processInfo.environment["STREAMZ_PYTHON"]
            ?? repository.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"
    static let available = required || python != nil
    static let chromiumAvailable = required || (python != nil
        && FileManager.default.isExecutableFile(atPath: "/usr/lib/chromium/chromium")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"))

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let process = Process()
    private let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    private let watchdog: DispatchWorkItem
    private var pending = Data()
    private let errors = ErrorSink()

    /// Starts `arguments` (a script path and its options) under the venv's Python.
    init(arguments: [String], timeoutSeconds: Int = 90) throws {
        guard let python = Self.python else { throw Failure(description: "no python venv (run make venv)") }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let process = process
        watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: watchdog)
        let reader = stderr.fileHandleForReading, sink = errors
        DispatchQueue.global().async { sink.collect(reader.readDataToEndOfFile()) }
    }

    /// The next line the script printed, read on a dispatch thread: a blocking read on the test's
    /// own (cooperative) thread would starve the runtimes' continuations under a parallel run.
    private func readLine() async throws -> Data {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try self.readLineBlocking() }) }
        }
    }

    private func readLineBlocking() throws -> Data {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(pending[..<newline])
                pending.removeSubrange(...newline)
                return line
            }
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                throw Failure(description: "peer exited \(process.terminationStatus): \(errors.text.suffix(3000))")
            }
            pending.append(chunk)
        }
    }

    /// Reads JSON objects (skipping other lines) until one satisfies `match`.
    func read(until match: ([String: Any]) -> Bool) async throws -> [String: Any] {
        while true {
            let line = try await readLine()
            if let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any], match(object) { return object }
        }
    }

    func send(_ object: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: object)
        data.append(UInt8(ascii: "\n"))
        stdin.fileHandleForWriting.write(data)
    }

    /// Closes stdin so the script shuts its peer down itself (chromium quit, not orphaned); after
    /// 10 s it is sent SIGTERM, after 2 s more SIGKILL.
    func terminate() {
        try? stdin.fileHandleForWriting.close()
        for (patience, signal) in [(200, SIGTERM), (40, SIGKILL)] {
            for _ in 0..<patience where process.isRunning { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, signal) }
        }
        process.waitUntilExit()
        watchdog.cancel()
    }

    deinit { terminate() }

    private final class ErrorSink: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func collect(_ bytes: Data) { lock.withLock { data.append(bytes) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}

/// The interop suites run one after another: two cores shared by Chromium, aiortc and our runtimes
/// would otherwise turn the connection-time note into a measure of contention.
@Suite(.serialized) enum LoopbackInterop {}
