import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// The note the issue asks for: from a device's WebSocket connecting to the
/// monitor showing it online, median of 20. Two clocks: the screen (tmux
/// `capture-pane` polled every 10 ms, so up to ~15 ms of polling is
/// included) and the monitor's log line for the `device.status` push
/// (millisecond timestamps), which leaves out the drawing. Prints both;
/// asserts only the promise of the issue, that the median is under a second.
@Suite("Presence latency under tmux", .serialized,
       .enabled(if: TmuxPane.available, "needs tmux (apt-get install tmux)"))
struct PresenceLatencyMeasurement {
    static let runs = 20

    @Test("median time from a device connecting to the monitor showing it online, 20 runs")
    func deviceConnectToShownOnline() async throws {
        let harness = try await MonitorHarness()
        defer { harness.close() }
        let api = try await harness.account("measure@example.org")
        let device = try await api.makeDevice("Meter")
        try await harness.rememberLogin("measure@example.org")
        try await harness.launchMonitor()
        try await harness.waitForDeviceList()
        try await harness.wait("Meter listed") { MonitorHarness.row(of: "Meter", in: $0) != nil }

        var screen: [Double] = []
        var starts: [Date] = []
        for _ in 0..<Self.runs {
            let scripted = ScriptedDevice(api: api, deviceId: device.id)
            starts.append(Date())
            let connecting = ContinuousClock.now
            try await scripted.connect()
            try await harness.wait("Meter online") { rows in
                MonitorHarness.row(of: "Meter", in: rows).map { $0.contains("●") } ?? false
            }
            screen.append(Self.milliseconds(ContinuousClock.now - connecting))
            await scripted.disconnect()
            try await harness.wait("Meter offline") { rows in
                MonitorHarness.row(of: "Meter", in: rows).map { $0.contains("○") } ?? false
            }
        }

        let received = try Self.onlineLines(in: harness.logURL, deviceId: device.id)
        #expect(received.count == Self.runs, "one online line per run in the monitor log")
        let pushes = zip(starts, received).map { $1.timeIntervalSince($0) * 1000 }
        print(String(format: "presence latency over %d runs: screen median %.1f ms (min %.1f, max %.1f); client layer median %.1f ms (min %.1f, max %.1f)",
                     Self.runs, Self.median(screen), screen.min() ?? 0, screen.max() ?? 0,
                     Self.median(pushes), pushes.min() ?? 0, pushes.max() ?? 0))
        #expect(Self.median(screen) < 1000)
    }

    /// The times of the monitor log's "device <id> online" lines, in order.
    static func onlineLines(in log: URL, deviceId: UUID) throws -> [Date] {
        let text = try String(contentsOf: log, encoding: .utf8)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try text.split(separator: "\n").filter { $0.hasSuffix("device \(deviceId) online") }.map { line in
            try style.parse(String(line.prefix { $0 != " " }))
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
