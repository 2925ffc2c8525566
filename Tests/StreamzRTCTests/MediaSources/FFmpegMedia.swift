import Foundation
@testable import StreamzRTC

/// Makes test media with ffmpeg at test time (no media file is committed).
/// Like `InteropPython`: outside CI a missing ffmpeg skips the suites that need
/// it; under CI (`CI=true`) they run and fail, so a broken install cannot hide.
enum FFmpegMedia {
    static let path: String? = {
        if let configured = ProcessInfo.processInfo.environment["STREAMZ_FFMPEG"] {
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return directories.map { "\($0)/ffmpeg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let enabled = InteropPython.required || path != nil

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `ffmpeg -v error -y <arguments> <temporary file>.<fileExtension>` and returns the file's bytes.
    static func make(_ arguments: [String], fileExtension: String) async throws -> [UInt8] {
        guard let path else { throw Failure(description: "ffmpeg not found (set STREAMZ_FFMPEG or install ffmpeg)") }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-media-\(UUID().uuidString).\(fileExtension)")
        defer { try? FileManager.default.removeItem(at: output) }
        return try await InteropPython.offCooperativePool {
            let process = Process()
            let errors = Pipe()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-nostdin", "-v", "error", "-y"] + arguments + [output.path]
            process.standardError = errors
            try process.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Failure(description: "ffmpeg exited \(process.terminationStatus): \(String(decoding: message, as: UTF8.self))")
            }
            return [UInt8](try Data(contentsOf: output))
        }
    }

    static func vp8IVF(size: String = "320x240", rate: Int = 15, seconds: Double = 1) async throws -> [UInt8] {
        try await make(["-f", "lavfi", "-i", "testsrc=size=\(size):rate=\(rate)", "-t", "\(seconds)",
                        "-c:v", "libvpx", "-b:v", "300k", "-f", "ivf"], fileExtension: "ivf")
    }

    static func y4m(size: String = "320x240", rate: Int = 15, seconds: Double = 0.4, pixelFormat: String = "yuv420p") async throws -> [UInt8] {
        try await make(["-f", "lavfi", "-i", "testsrc=size=\(size):rate=\(rate)", "-t", "\(seconds)",
                        "-pix_fmt", pixelFormat, "-strict", "-1", "-f", "yuv4mpegpipe"], fileExtension: "y4m")
    }

    static func oggOpus(channels: Int = 1, seconds: Double = 1, frameMilliseconds: Int = 20) async throws -> [UInt8] {
        try await make(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "\(seconds)", "-ac", "\(channels)",
                        "-c:a", "libopus", "-b:a", "32k", "-frame_duration", "\(frameMilliseconds)", "-f", "ogg"], fileExtension: "ogg")
    }
}

/// Mutations of valid files for the parsers' garbage tests: every parser must
/// throw a `MediaSourceError` (or accept) and never trap.
enum MediaFuzz {
    /// `count` inputs from `valid`: truncations, flipped bytes, overwritten runs, and pure random bytes.
    static func inputs(from valid: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index -> [UInt8] in
            var bytes = valid
            switch index % 5 {
            case 0:
                bytes = Array(valid.prefix(Int.random(in: 0...valid.count, using: &random)))
            case 1:
                for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                }
            case 2:
                // Damage the headers, where sizes and counts live.
                for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<min(bytes.count, 64), using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            case 3:
                let length = Int.random(in: 0...200, using: &random)
                bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            default:
                // A valid prefix glued to random bytes.
                let keep = Int.random(in: 0...min(valid.count, 200), using: &random)
                bytes = Array(valid.prefix(keep)) + (0..<Int.random(in: 0...100, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            return bytes
        }
    }
}
