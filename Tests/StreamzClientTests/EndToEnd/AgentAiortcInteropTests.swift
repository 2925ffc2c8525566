import Foundation
import Testing
import StreamzClient

/// aiortc on either side of a Streamz session through our server: aiortc as a device (its
/// MediaPlayer on a clip made with ffmpeg) watched by `streamz watch`, and `streamz device`
/// watched by aiortc. Tests/Interop/aiortc_streamz.py speaks our REST + WebSocket protocol.
extension LoopbackInterop {
    @Suite("Device and watch interop with aiortc", .serialized,
           .enabled(if: InteropProcess.available && StreamzProcess.binary != nil, "needs the venv with aiortc and the streamz binary"))
    struct AgentAiortcInteropTests {
        static func aiortc(_ name: String, _ arguments: [String], account: EndToEndAccount) throws -> StreamzProcess {
            guard let python = InteropProcess.python else { throw StreamzProcess.Failure(description: "no python venv (run make venv)") }
            return try StreamzProcess(name, executable: python, arguments: [RuntimeTestSupport.script("aiortc_streamz.py")] + arguments,
                                      environment: account.environment)
        }

        /// 20 s of 640x480 testsrc2 and a 440 Hz sine at 0.25 of full scale (-15.1 dBFS RMS), VP8 +
        /// Opus in WebM; longer than the test because MediaPlayer does not loop (INTEROP-NOTES.md).
        static func makeClip(in directory: URL) throws -> String {
            let path = directory.appendingPathComponent("clip.webm").path
            let ffmpeg = Process()
            ffmpeg.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
            ffmpeg.arguments = [
                "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30",
                "-f", "lavfi", "-i", "aevalsrc=0.25*sin(2*PI*440*t):s=48000:c=mono", "-t", "20",
                "-c:v", "libvpx", "-b:v", "1M", "-deadline", "realtime", "-cpu-used", "8", "-g", "30",
                "-c:a", "libopus", "-b:a", "64k", path,
            ]
            try ffmpeg.run()
            ffmpeg.waitUntilExit()
            guard ffmpeg.terminationStatus == 0 else { throw StreamzProcess.Failure(description: "ffmpeg failed: \(ffmpeg.terminationStatus)") }
            return path
        }

        @Test("aiortc sends VP8 + Opus from a clip; streamz watch decodes 640x480 frames and hears the tone")
        func watchDecodesAiortc() async throws {
            let server = try await EndToEndServer()
            defer { server.stop() }
            let account = EndToEndAccount()
            try await server.client().register(email: account.email, password: account.password)
            let clip = try Self.makeClip(in: server.directory)
            let device = try Self.aiortc("aiortc device", ["--role", "device", "--server", server.url, "--email", account.email,
                                                           "--name", "aio", "--media", clip, "--duration", "90"], account: account)
            defer { device.stop() }
            try await device.waitForLine(seconds: 30) { $0.contains("\"online\"") }

            let watch = try DeviceWatchEndToEndTests.watch(server, account, device: "aio", ["--duration", "5"])
            defer { watch.stop() }
            let status = try await watch.waitForExit(seconds: 60)
            let summary = try DeviceWatchEndToEndTests.summary(of: watch)
            #expect(status == 0, "\(summary) \(device.output.suffix(10)) \(device.errorOutput.suffix(2000))")
            #expect(summary["width"] as? Int == 640 && summary["height"] as? Int == 480, "\(summary)")
            #expect((summary["framesDecoded"] as? Int ?? 0) >= 15, "\(summary)")
            let level = try #require(summary["audioLevelDb"] as? Double, "\(summary)")
            #expect(abs(level - -15.1) < 3, "audio level \(level) dBFS")
        }

        @Test("streamz device sends; aiortc watches through our server and decodes frames of the preset size")
        func aiortcDecodesAgent() async throws {
            let server = try await EndToEndServer()
            defer { server.stop() }
            let account = EndToEndAccount()
            let device = try DeviceWatchEndToEndTests.device(server, account, name: "desk")
            defer { device.stop() }
            try await device.waitForLine(seconds: 30) { $0.hasPrefix("online as") }

            let viewer = try Self.aiortc("aiortc viewer", ["--role", "viewer", "--server", server.url, "--email", account.email,
                                                           "--name", "desk", "--quality", "low", "--duration", "30"], account: account)
            defer { viewer.stop() }
            let line = try await viewer.waitForLine(seconds: 45) { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["event"] as? String == "received" else { return false }
                return (object["video"] as? Int ?? 0) >= 15 && (object["audio"] as? Int ?? 0) >= 15
            }
            let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(report["width"] as? Int == 320 && report["height"] as? Int == 240, "\(report)")
        }
    }
}
