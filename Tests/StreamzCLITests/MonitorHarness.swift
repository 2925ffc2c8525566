import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// A `streamz serve` child and a tmux pane ready to run `streamz monitor`
/// against it, with the monitor's XDG folders (credentials, log) in a
/// temporary folder of their own.
final class MonitorHarness: @unchecked Sendable {
    static let password = "correct horse battery"

    let server: ServeProcess
    let pane: TmuxPane
    let folder: URL

    var configHome: URL { folder.appendingPathComponent("config") }
    var stateHome: URL { folder.appendingPathComponent("state") }
    var logURL: URL { stateHome.appendingPathComponent("streamz/monitor.log") }
    /// The monitor's credentials file, where a test can plant a remembered login.
    var credentials: CredentialStore { CredentialStore(directory: configHome.appendingPathComponent("streamz", isDirectory: true)) }

    /// The command line the pane runs: the monitor, then its exit status on a line of its own.
    static let launchLine = "./monitor.sh; echo EXITED:$?"

    init(columns: Int = 100, rows: Int = 30) async throws {
        server = try await ServeProcess.start()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-monitor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("monitor.sh")
        let binary = try StreamzBinary.require()
        try """
        #!/bin/sh
        exec \(TmuxPane.shellQuote(binary)) monitor --server \(TmuxPane.shellQuote(server.address.normalized)) "$@"
        """.write(to: script, atomically: true, encoding: .utf8)
        guard chmod(script.path, 0o755) == 0 else { throw CLITestFailure(description: "chmod monitor.sh failed") }
        pane = try TmuxPane(columns: columns, rows: rows, folder: folder,
                            environment: ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
                                              "XDG_STATE_HOME": folder.appendingPathComponent("state").path])
        try await pane.waitFor("the shell prompt", timeout: .seconds(30)) { $0.first?.hasPrefix("$") == true }
    }

    /// Types the launch line; the monitor takes over the pane.
    func launchMonitor() async throws {
        try await pane.type(Self.launchLine)
        try await pane.press("Enter")
    }

    /// A new account on the server, signed in (nothing remembered).
    func account(_ email: String) async throws -> APIClient {
        let api = APIClient(server: server.address)
        try await api.register(email: email, password: Self.password)
        return api
    }

    /// Signs in as `email` with the monitor's credentials file, so the
    /// monitor resumes this login and skips the form.
    func rememberLogin(_ email: String) async throws {
        try await APIClient(server: server.address, credentials: credentials).login(email: email, password: Self.password)
    }

    /// Waits for the device list of a signed-in, connected monitor.
    func waitForDeviceList() async throws {
        try await wait("the connected device list") { rows in
            rows.contains { $0.contains("Devices") } && rows.last?.contains("online") == true
        }
    }

    /// `pane.waitFor` with the monitor's log added to a failure.
    @discardableResult
    func wait(_ what: String, timeout: Duration = .seconds(30), escapes: Bool = false,
              _ predicate: ([String]) -> Bool) async throws -> (rows: [String], after: Duration) {
        do {
            return try await pane.waitFor(what, timeout: timeout, escapes: escapes, predicate)
        } catch {
            let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? "(no monitor log)"
            throw CLITestFailure(description: "\(error)\n--- monitor.log ---\n\(log.suffix(3000))")
        }
    }

    /// The row showing the device named `name`, if one does.
    static func row(of name: String, in rows: [String]) -> String? {
        rows.first { $0.contains(" \(name) ") }
    }

    func close() {
        pane.close()
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A device connection made by a test: the device role of the signalling
/// client, heartbeating, as `streamz device` or a phone's page would hold it.
struct ScriptedDevice {
    let client: SignallingClient

    init(api: APIClient, deviceId: UUID) {
        client = SignallingClient(server: api.server, role: .device(deviceId), tokens: api)
    }

    /// Connects and returns once the server welcomed it (the device is online).
    func connect(timeout: Duration = .seconds(30)) async throws {
        await client.start()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if case .online = await client.state { return }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw CLITestFailure(description: "the scripted device was not welcomed within \(timeout)")
    }

    func disconnect() async { await client.stop() }
}

extension APIClient {
    /// A device with a camera and a microphone.
    func makeDevice(_ name: String) async throws -> Device {
        try await createDevice(CreateDeviceRequest(name: name, kind: .agent, platform: "test",
                                                   capabilities: Capabilities(camera: true, microphone: true)))
    }
}
