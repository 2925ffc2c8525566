// Running ffmpeg and mpv for the comparison: their output bytes and the CPU
// time they used.
#if canImport(Glibc)
import Glibc
#endif
import Foundation

enum ToolError: Error, CustomStringConvertible {
    case missing(String)
    case failed(String, Int32)

    var description: String {
        switch self {
        case .missing(let tool): "\(tool) is not installed (make bench installs it)"
        case .failed(let tool, let status): "\(tool) exited with status \(status)"
        }
    }
}

enum ExternalTool {
    /// The full path of `name` on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `tool` to completion with stdout into `output` (a file, so
    /// nothing blocks on a pipe) and returns the CPU time (user + system)
    /// it used, from the children's rusage before and after.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], output: URL? = nil) throws -> Duration {
        guard let path = find(tool) else { throw ToolError.missing(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var handle: FileHandle?
        if let output {
            guard FileManager.default.createFile(atPath: output.path, contents: nil) else { throw ToolError.failed("create \(output.path)", -1) }
            handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let before = childrenCPU()
        try process.run()
        process.waitUntilExit()
        try handle?.close()
        guard process.terminationStatus == 0 else { throw ToolError.failed(tool, process.terminationStatus) }
        return childrenCPU() - before
    }

    static func childrenCPU() -> Duration {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func duration(_ t: timeval) -> Duration { .seconds(Int64(t.tv_sec)) + .microseconds(Int64(t.tv_usec)) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}
