import Foundation
import StreamzClient
import StreamzProtocol
import StreamzTUI
import Testing

/// `streamz monitor` as a person sees it: the real binary in a tmux pane
/// against a real `streamz serve`, keys in through `send-keys`, assertions on
/// `capture-pane`. Every wait polls with a generous deadline; only the
/// presence latency the issue promises ("within a second") is asserted as a time.
@Suite("streamz monitor under tmux", .serialized,
       .enabled(if: TmuxPane.available, "needs tmux (apt-get install tmux)"))
struct MonitorTmuxTests {
    @Test func aWrongPasswordShowsTheServersMessage() async throws {
        let harness = try await MonitorHarness()
        defer { harness.close() }
        _ = try await harness.account("ada@example.org")
        // The server's own sentence for this refusal, asked directly.
        let refusal: String
        do {
            try await APIClient(server: harness.server.address).login(email: "ada@example.org", password: "not the password")
            Issue.record("the server accepted a wrong password")
            return
        } catch {
            #expect(error.code == "invalid_credentials")
            refusal = error.description
        }

        try await harness.launchMonitor()
        try await harness.wait("the login form") { $0.contains { $0.contains("log in or register") } }
        try await harness.pane.type("ada@example.org")
        try await harness.pane.press("Tab")
        try await harness.pane.type("not the password")
        try await harness.pane.press("Enter")
        let (rows, _) = try await harness.wait("the refusal on the form") { $0.contains { $0.contains(refusal) } }
        // The password field is masked: what was typed never shows.
        #expect(!rows.contains { $0.contains("not the password") })
    }

    @Test func theDeviceListGainsAndLosesAScriptedDeviceWithinASecond() async throws {
        let harness = try await MonitorHarness()
        defer { harness.close() }
        let api = try await harness.account("grace@example.org")
        let device = try await api.makeDevice("Garage")
        try await harness.rememberLogin("grace@example.org")

        try await harness.launchMonitor()
        try await harness.waitForDeviceList()
        try await harness.wait("Garage offline") { rows in
            MonitorHarness.row(of: "Garage", in: rows).map { $0.contains("○") && $0.contains("never seen") } ?? false
        }

        let scripted = ScriptedDevice(api: api, deviceId: device.id)
        let connecting = ContinuousClock.now
        try await scripted.connect()
        try await harness.wait("Garage online") { rows in
            MonitorHarness.row(of: "Garage", in: rows).map { $0.contains("●") && $0.contains("online") } ?? false
        }
        let shownOnline = ContinuousClock.now - connecting
        #expect(shownOnline < .seconds(1), "online shown \(shownOnline) after the device started connecting")

        let leaving = ContinuousClock.now
        await scripted.disconnect()
        try await harness.wait("Garage offline again") { rows in
            MonitorHarness.row(of: "Garage", in: rows).map { $0.contains("○") && $0.contains("last seen") } ?? false
        }
        let shownOffline = ContinuousClock.now - leaving
        #expect(shownOffline < .seconds(1), "offline shown \(shownOffline) after the device disconnected")
    }

    @Test func startingASessionOnAnOfflineDeviceShowsDeviceOffline() async throws {
        let harness = try await MonitorHarness()
        defer { harness.close() }
        let api = try await harness.account("alan@example.org")
        _ = try await api.makeDevice("Attic")
        try await harness.rememberLogin("alan@example.org")

        try await harness.launchMonitor()
        try await harness.waitForDeviceList()
        try await harness.wait("Attic listed") { MonitorHarness.row(of: "Attic", in: $0) != nil }
        try await harness.pane.press("Enter")
        try await harness.wait("the refused session") { rows in
            rows.contains { $0.contains("failed: device_offline") } && rows.contains { $0.contains("requested → failed") }
        }
    }

    @Test func questionMarkShowsTheHelpAndClosesIt() async throws {
        let harness = try await MonitorHarness()
        defer { harness.close() }
        _ = try await harness.account("edsger@example.org")
        try await harness.rememberLogin("edsger@example.org")

        try await harness.launchMonitor()
        try await harness.waitForDeviceList()
        try await harness.pane.press("?")
        let (help, _) = try await harness.wait("the help overlay") { $0.contains { $0.contains("? or Esc closes") } }
        // Every binding of the device list is on screen, with what it does (30 rows: one a line).
        for binding in KeyBindings.deviceList {
            #expect(help.contains { $0.contains(binding.keys) && $0.contains(binding.action) }, "help lacks \(binding.keys)")
        }
        try await harness.pane.press("?")
        try await harness.wait("the help closed") { rows in
            !rows.contains { $0.contains("? or Esc closes") } && rows.contains { $0.contains("Devices") }
        }
    }

    @Test func resizingTheWindowRedrawsTheLayout() async throws {
        let harness = try await MonitorHarness(columns: 100, rows: 30)
        defer { harness.close() }
        let api = try await harness.account("barbara@example.org")
        _ = try await api.makeDevice("Porch")
        try await harness.rememberLogin("barbara@example.org")
        try await harness.launchMonitor()
        try await harness.waitForDeviceList()

        for (columns, rows) in [(50, 16), (120, 40), (70, 12)] {
            try await harness.pane.resize(columns: columns, rows: rows)
            let (screen, _) = try await harness.wait("the layout at \(columns)x\(rows)") { screen in
                Self.isLaidOut(screen, columns: columns, rows: rows)
            }
            // Narrow lists say SEEN, wide ones PRESENCE (DeviceListView); no
            // heading of the other width survives the redraw.
            let header = try #require(screen.first { $0.contains("NAME") })
            #expect(header.contains(columns < 60 ? "SEEN" : "PRESENCE"))
            #expect(screen.filter { $0.contains("NAME") }.count == 1)
            #expect(screen.filter { $0.contains("Devices") }.count == 1)
        }
    }

    /// One screen of `rows` rows whose last row is the status bar ending in
    /// the clock at the right edge, with the device row inside the width.
    static func isLaidOut(_ screen: [String], columns: Int, rows: Int) -> Bool {
        guard screen.count == rows, let status = screen.last else { return false }
        let trimmed = status.trimmingCharacters(in: .whitespaces)
        let endsWithClock = trimmed.range(of: #"\d\d:\d\d:\d\d$"#, options: .regularExpression) != nil
        return endsWithClock && status.count <= columns && status.count >= columns - 1
            && screen.contains { $0.contains("Porch") } && screen.contains { $0.contains("NAME") }
    }

    /// `q`, and Ctrl-C (SIGINT), both quit with the terminal restored.
    @Test(arguments: ["q", "C-c"])
    func quittingLeavesTheTerminalClean(_ key: String) async throws {
        let harness = try await MonitorHarness()
        defer { harness.close() }
        _ = try await harness.account("ken@example.org")
        try await harness.rememberLogin("ken@example.org")
        try await harness.launchMonitor()
        try await harness.waitForDeviceList()
        #expect(try await harness.pane.query("#{alternate_on}") == "1")

        try await harness.pane.press(key)
        let (screen, _) = try await harness.wait("the shell back") { $0.contains("EXITED:0") }
        // The alternate screen is left, the cursor is back, mouse reporting is off.
        #expect(try await harness.pane.query("#{alternate_on}") == "0")
        #expect(try await harness.pane.query("#{cursor_flag}") == "1")
        #expect(try await harness.pane.query("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}") == "000")
        // Nothing but the command line, its exit status and the next prompt: no log line, no leftover drawing.
        let lines = screen.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines == ["$ " + MonitorHarness.launchLine, "EXITED:0", "$"])
        // No colour or attribute left on.
        let styled = try await harness.pane.capture(escapes: true).joined(separator: "\n")
        #expect(!styled.contains("\u{1B}["), "leftover attributes: \(styled.debugDescription)")
    }
}
