import Foundation
import Testing

/// `streamz device --video FILE.ivf --audio FILE.ogg`: the IVF's VP8 frames go out as they are
/// (the viewer decodes the file's size, whatever the quality asks), the Ogg's Opus packets too,
/// both looping; a Y4M's pictures are encoded at the preset's size. The files are made with
/// ffmpeg at test time.
@Suite("streamz device streams files", .serialized,
       .enabled(if: StreamzProcess.binary != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg"),
                "needs the built streamz binary and ffmpeg"))
struct FileSourcesEndToEndTests {
    static func ffmpeg(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-loglevel", "error", "-y"] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw StreamzProcess.Failure(description: "ffmpeg \(arguments) failed") }
    }

    @Test("an IVF file is sent without re-encoding and an Ogg Opus file as it is, looping past their end")
    func ivfAndOgg() async throws {
        let server = try await EndToEndServer()
        defer { server.stop() }
        let video = server.directory.appendingPathComponent("clip.ivf").path
        let audio = server.directory.appendingPathComponent("tone.ogg").path
        // 2 s each, so the 5 s watch sees both loop.
        try Self.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30", "-t", "2", "-c:v", "libvpx", "-b:v", "1M",
                         "-deadline", "realtime", "-cpu-used", "8", "-g", "30", video])
        try Self.ffmpeg(["-f", "lavfi", "-i", "aevalsrc=0.25*sin(2*PI*440*t):s=48000:c=mono", "-t", "2",
                         "-c:a", "libopus", "-b:a", "64k", audio])
        let account = EndToEndAccount()
        let device = try DeviceWatchEndToEndTests.device(server, account, name: "files", extra: ["--video", video, "--audio", audio])
        defer { device.stop() }
        try await device.waitForLine(seconds: 30) { $0.hasPrefix("online as") }

        let watch = try DeviceWatchEndToEndTests.watch(server, account, device: "files", ["--quality", "low", "--duration", "5"])
        defer { watch.stop() }
        let status = try await watch.waitForExit(seconds: 60)
        let summary = try DeviceWatchEndToEndTests.summary(of: watch)
        #expect(status == 0, "\(summary)")
        #expect(summary["width"] as? Int == 640 && summary["height"] as? Int == 480, "the file's size, not low's: \(summary)")
        // More frames than the 60 of one pass: the file looped.
        #expect((summary["framesDecoded"] as? Int ?? 0) > 75, "\(summary)")
        #expect((summary["audioFramesDecoded"] as? Int ?? 0) > 120, "\(summary)")
        let level = try #require(summary["audioLevelDb"] as? Double, "\(summary)")
        #expect(abs(level - -15.1) < 2.5, "audio level \(level) dBFS")
    }

    /// The capture time is stamped before the sender rescales the file's pictures to the preset, so
    /// the rescale is latency. It used to cost 64 ms a frame in a debug build at this size: latency
    /// p50 about 78 ms and 10-13 frames a second on loopback; now about 11 ms at the full 30.
    @Test("a 1280x720 Y4M file sent at medium is rescaled to 640x480 at its full rate, with measured latency")
    func y4mRescaled() async throws {
        let server = try await EndToEndServer()
        defer { server.stop() }
        let video = server.directory.appendingPathComponent("clip.y4m").path
        try Self.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "2", "-pix_fmt", "yuv420p", video])
        let account = EndToEndAccount()
        let device = try DeviceWatchEndToEndTests.device(server, account, name: "y4m", extra: ["--video", video, "--audio", "none"])
        defer { device.stop() }
        try await device.waitForLine(seconds: 30) { $0.hasPrefix("online as") }

        let watch = try DeviceWatchEndToEndTests.watch(server, account, device: "y4m",
                                                       ["--type", "video", "--quality", "medium", "--duration", "5"])
        defer { watch.stop() }
        let status = try await watch.waitForExit(seconds: 60)
        let summary = try DeviceWatchEndToEndTests.summary(of: watch)
        #expect(status == 0, "\(summary)")
        #expect(summary["width"] as? Int == 640 && summary["height"] as? Int == 480, "medium's size, not the file's: \(summary)")
        // Frames advance and latency is measured from the capture time; how
        // fast and how low is for `make bench` (session_bench.py --y4m), not
        // a pass/fail test on a shared machine.
        #expect((summary["framesDecoded"] as? Int ?? 0) > 30, "\(summary)")
        #expect(summary["latencyEstimated"] as? Bool == false, "\(summary)")
        #expect(summary["latencyP50Ms"] as? Double != nil, "\(summary)")
    }

    @Test("a missing or malformed file stops the device at start-up with a clear message")
    func badFile() async throws {
        let server = try await EndToEndServer()
        defer { server.stop() }
        let garbage = server.directory.appendingPathComponent("garbage.ivf")
        try Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 131) }).write(to: garbage)
        let account = EndToEndAccount()
        for path in [garbage.path, server.directory.appendingPathComponent("missing.ivf").path] {
            let device = try DeviceWatchEndToEndTests.device(server, account, name: "bad", extra: ["--video", path])
            defer { device.stop() }
            let status = try await device.waitForExit(seconds: 30)
            #expect(status != 0)
            #expect(device.errorOutput.contains("streamz device:"), "\(device.errorOutput)")
        }
    }
}
