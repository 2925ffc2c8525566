import Foundation
import StreamzProtocol
import StreamzRTC
import Testing
@testable import StreamzTUI

/// A hidden debugging entry point: the real monitor loop on the controlling
/// terminal against the fake server, with presence changing by itself.
/// Skipped unless STREAMZ_MONITOR_DEMO is set, e.g. inside tmux:
///
///     STREAMZ_MONITOR_DEMO=1 swift test --filter monitorDemo
///
/// Log in with any email and the password `secret-1`; q quits.
/// `STREAMZ_MONITOR_DEMO=nocolor` keeps NO_COLOR as `swift test` sets it.
@Suite("Monitor demo (manual)")
struct MonitorDemoTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STREAMZ_MONITOR_DEMO"] != nil))
    func monitorDemo() async throws {
        // `swift test` sets NO_COLOR for the test binary when its output is
        // not a terminal; the demo drops it unless asked for no colour.
        var environment = ProcessInfo.processInfo.environment
        if environment["STREAMZ_MONITOR_DEMO"] != "nocolor" { environment["NO_COLOR"] = nil }
        let now = Date()
        let devices = [
            Device(id: MonitorFixture.uuid(1), name: "Kitchen phone", kind: .browser, platform: "Android",
                   capabilities: Capabilities(camera: true, microphone: true), online: true, lastSeenAt: now, createdAt: now),
            Device(id: MonitorFixture.uuid(2), name: "garage cam", kind: .agent, platform: "Linux",
                   capabilities: Capabilities(camera: true, microphone: false), online: false,
                   lastSeenAt: now.addingTimeInterval(-12), createdAt: now),
            Device(id: MonitorFixture.uuid(4), name: "寝室カメラ", kind: .browser, platform: "iOS",
                   capabilities: Capabilities(camera: true, microphone: true), online: false,
                   lastSeenAt: now.addingTimeInterval(-3_700), createdAt: now),
        ]
        let server = FakeMonitorServer(devices: devices)
        Self.takeForeground()
        let sink = try MonitorEventSink()
        // The garage flips between online and offline every 5 seconds.
        let presence = Task {
            var online = false
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(5))
                online.toggle()
                sink.send(.deviceStatus(deviceId: MonitorFixture.uuid(2), online: online, lastSeenAt: Date()))
            }
        }
        defer { presence.cancel() }
        // A moving test pattern at 15 frames a second for whatever session is live.
        let frames = Task {
            var step = 0
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(66))
                step += 1
                if let frame = Self.pattern(step: step) {
                    for id in 501...520 { sink.sendFrame(frame, sessionId: MonitorFixture.uuid(id)) }
                }
            }
        }
        defer { frames.cancel() }
        let final = try await MonitorApp.run(MonitorApp.Options(server: "http://127.0.0.1:8080"), handler: server,
                                             sink: sink, environment: environment)
        #expect(final.quitRequested)
    }

    /// Diagonal luma bands over a chroma gradient, shifted by `step`.
    static func pattern(step: Int) -> I420Frame? {
        let width = 160, height = 120
        let y = (0..<(width * height)).map { UInt8(truncatingIfNeeded: 16 + ((($0 % width) + ($0 / width) + step * 4) % 200)) }
        let chroma = (0..<((width / 2) * (height / 2))).map { UInt8(truncatingIfNeeded: 64 + ($0 % (width / 2)) * 2) }
        return I420Frame(width: width, height: height, y: y, u: chroma, v: chroma.reversed())
    }

    /// `swift test` starts the test binary in a process group of its own, in
    /// the terminal's background, where reading the tty fails; a real
    /// `streamz monitor` is started by the shell in the foreground already.
    static func takeForeground() {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return }
        let previous = signal(SIGTTOU, SIG_IGN)
        _ = tcsetpgrp(tty, getpgrp())
        signal(SIGTTOU, previous)
        close(tty)
    }
}
