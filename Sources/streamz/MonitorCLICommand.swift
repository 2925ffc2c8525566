import ArgumentParser
import Foundation
import StreamzClient
import StreamzMonitor

/// `streamz monitor [--server URL] [--max-kbps N]` (PROTOCOL.md §5): the
/// ncurses monitor. Every flag also reads `STREAMZ_<FLAG_IN_CAPS>`. Logs go
/// to `$XDG_STATE_HOME/streamz/monitor.log`, never over the screen.
struct MonitorCLICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch your devices: log in, see them come and go, start and stop sessions.")

    @Option(help: "The server's URL (default http://127.0.0.1:8080).")
    var server: String?

    @Option(name: .customLong("max-kbps"), help: "Cap on the kilobits a second the video pane writes to the terminal (slow SSH links).")
    var maxKbps: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let flags: MonitorFlags.Resolved
        do { flags = try MonitorFlags(server: server, maxKbps: maxKbps).resolve(environment: environment) } catch {
            throw ValidationError(error.message)
        }
        MonitorLauncher.bootstrapLogging(environment: environment)
        // Without a home folder the monitor still works; it just cannot remember the login.
        let credentials = try? CredentialStore(environment: environment)
        try await MonitorLauncher.run(MonitorLauncher.Options(
            server: flags.server, maxKbps: flags.maxKbps, credentials: credentials,
            media: ViewerMediaSessions(), environment: environment))
    }
}
