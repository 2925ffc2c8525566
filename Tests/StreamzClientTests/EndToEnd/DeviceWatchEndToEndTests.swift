import Foundation
import Testing
import StreamzClient
import StreamzProtocol

/// `streamz serve` + `streamz device` + `streamz watch`, the built binaries over loopback
/// (PROTOCOL.md §5). Timings are not asserted (a loaded 2-core machine); only what was decoded.
@Suite("streamz device and watch end to end", .serialized, .enabled(if: StreamzProcess.binary != nil, "needs the built streamz binary"))
struct DeviceWatchEndToEndTests {
    static func device(_ server: EndToEndServer, _ account: EndToEndAccount, name: String, extra: [String] = []) throws -> StreamzProcess {
        try StreamzProcess.streamz("device \(name)", [
            "device", "--server", server.url, "--email", account.email, "--name", name, "--register", "--loopback-only",
        ] + extra, environment: account.environment)
    }

    static func watch(_ server: EndToEndServer, _ account: EndToEndAccount, device: String, _ extra: [String]) throws -> StreamzProcess {
        // STREAMZ_LOOPBACK_ONLY also checks the flags' environment fallback.
        try StreamzProcess.streamz("watch \(device)", [
            "watch", "--server", server.url, "--email", account.email, "--device", device, "--json",
        ] + extra, environment: account.environment.merging(["STREAMZ_LOOPBACK_ONLY": "1"]) { $1 })
    }

    static func summary(of watch: StreamzProcess) throws -> [String: Any] {
        try #require(watch.jsonLines.last { $0["summary"] as? Bool == true }, "no summary line: \(watch.output) \(watch.errorOutput.suffix(2000))")
    }

    @Test("watch --json --duration 5 decodes the test pattern at the preset size, hears the tone, measures latency")
    func watchDecodesAgent() async throws {
        let server = try await EndToEndServer()
        defer { server.stop() }
        let account = EndToEndAccount()
        let device = try Self.device(server, account, name: "desk", extra: ["--video", "testsrc", "--audio", "tone"])
        defer { device.stop() }
        try await device.waitForLine(seconds: 30) { $0.hasPrefix("online as") }

        let watch = try Self.watch(server, account, device: "desk", ["--quality", "low", "--duration", "5"])
        defer { watch.stop() }
        let status = try await watch.waitForExit(seconds: 60)
        let summary = try Self.summary(of: watch)
        #expect(status == 0, "\(summary) \(watch.errorOutput.suffix(2000))")
        #expect(summary["error"] == nil)
        #expect(summary["width"] as? Int == 320 && summary["height"] as? Int == 240, "\(summary)")
        #expect((summary["framesDecoded"] as? Int ?? 0) >= 15, "\(summary)")
        let level = try #require(summary["audioLevelDb"] as? Double, "\(summary)")
        #expect(abs(level - -15.1) < 2.5, "audio level \(level) dBFS")
        #expect(summary["latencyEstimated"] as? Bool == false, "\(summary)")
        #expect(summary["latencyP50Ms"] as? Double != nil)
        #expect(summary["timeToFirstFrameMs"] as? Double != nil)
        #expect(summary["connectionType"] as? String == "p2p")
        // One stats line a second while connected, each with the contract's fields.
        let lines = watch.jsonLines.filter { $0["summary"] == nil }
        #expect(lines.count >= 3, "\(watch.output)")
        let fields = ["sessionId", "state", "connectionType", "timeToFirstFrameMs", "framesDecoded", "framesPerSecond",
                      "width", "height", "latencyMs", "rttMs", "jitterMs", "packetsLost", "nacksSent", "plisSent",
                      "bitrateKbps", "audioLevelDb"]
        for line in lines { #expect(fields.allSatisfy { line.keys.contains($0) }, "\(line)") }
        // The agent saw the session start and end.
        try await device.waitForLine(seconds: 10) { $0.contains("ended") }
    }

    @Test("watch on an offline device exits non-zero with device_offline")
    func offlineDevice() async throws {
        let server = try await EndToEndServer()
        defer { server.stop() }
        let account = EndToEndAccount()
        let api = try server.client()
        try await api.register(email: account.email, password: account.password)
        _ = try await api.createDevice(.init(name: "asleep", kind: .agent, capabilities: .init(camera: true, microphone: true)))

        let watch = try Self.watch(server, account, device: "asleep", ["--duration", "2"])
        defer { watch.stop() }
        let status = try await watch.waitForExit(seconds: 40)
        let summary = try Self.summary(of: watch)
        #expect(status != 0)
        let error = try #require(summary["error"] as? [String: Any], "\(summary)")
        #expect(error["code"] as? String == "device_offline", "\(summary)")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test("two watchers at once on one device both decode")
    func twoWatchers() async throws {
        let server = try await EndToEndServer()
        defer { server.stop() }
        let account = EndToEndAccount()
        let device = try Self.device(server, account, name: "shared")
        defer { device.stop() }
        try await device.waitForLine(seconds: 30) { $0.hasPrefix("online as") }

        let watchers = try (0..<2).map { _ in try Self.watch(server, account, device: "shared", ["--quality", "low", "--duration", "4"]) }
        defer { watchers.forEach { $0.stop() } }
        for watch in watchers {
            let status = try await watch.waitForExit(seconds: 60)
            let summary = try Self.summary(of: watch)
            #expect(status == 0, "\(summary)")
            #expect((summary["framesDecoded"] as? Int ?? 0) >= 10, "\(summary)")
            #expect(summary["width"] as? Int == 320, "\(summary)")
        }
        let sessions = Set(watchers.compactMap { try? Self.summary(of: $0)["sessionId"] as? String })
        #expect(sessions.count == 2)
    }
}
