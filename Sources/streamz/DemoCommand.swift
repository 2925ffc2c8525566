import ArgumentParser
import Foundation
import Logging
import StreamzClient
import StreamzMonitor
import StreamzServer

/// `streamz demo` (PROTOCOL.md §5): the one-command tour. An embedded server
/// on a free loopback port with a temporary database, a demo account, and
/// the monitor opened signed in to it. The demo's login is remembered in the
/// temporary folder, so the user's own credentials file is never touched;
/// everything is deleted when the monitor quits.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the monitor on an embedded server with a demo account (everything temporary).")

    static let email = "demo@streamz.test"
    static let password = "streamz-demo"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        MonitorLauncher.bootstrapLogging(environment: environment)
        let logger = Logger(label: "streamz.demo")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }

        var configuration = ServerConfiguration()
        configuration.databasePath = folder.appendingPathComponent("streamz.db").path
        // A throwaway account on loopback: a cheaper hash keeps the tour quick.
        configuration.bcryptCost = 10
        let server = try await EmbeddedServer.start(configuration: configuration, logger: Logger(label: "streamz.server"))
        logger.info("demo server on \(server.address), database \(configuration.databasePath ?? "")")

        let credentials = CredentialStore(directory: folder.appendingPathComponent("config/streamz", isDirectory: true))
        let participants: [any DemoParticipant]
        do {
            let api = APIClient(server: server.address, credentials: credentials)
            try await api.register(email: Self.email, password: Self.password)
            participants = try await Self.startParticipants(server: server.address, account: api, logger: logger)
        } catch {
            await server.stop()
            throw error
        }

        var failure: (any Error)?
        do {
            try await MonitorLauncher.run(
                MonitorLauncher.Options(server: server.address, credentials: credentials,
                                        media: ViewerMediaSessions(options: ViewerSession.Options(peer: SessionPeerOptions(loopbackOnly: true))),
                                        environment: environment))
        } catch {
            failure = error
        }
        for participant in participants { await participant.stop() }
        await server.stop()
        if let failure { throw failure }
        print("Demo over (account \(Self.email)): the embedded server stopped and its temporary database is deleted.")
    }

    /// The simulated devices that join the demo account in this process
    /// beside the monitor: headless device agents (PROTOCOL.md §5 `streamz
    /// device`), started after the account exists and stopped when the
    /// monitor quits. Two stream the test pattern and the tone, one is audio
    /// only; all on loopback, since everything runs on this machine.
    static let devices: [(name: String, sources: AgentSources)] = [
        ("Back garden", AgentSources(video: .testPattern, audio: .tone)),
        ("Front door", AgentSources(video: .testPattern, audio: .tone)),
        ("Nursery", AgentSources(video: .none, audio: .tone)),
    ]

    /// Returns once every device is online (or failed to start), so the monitor
    /// opens on the full list sorted by name, the cursor on the first video
    /// device: a new user presses Enter and sees it.
    static func startParticipants(server: ServerAddress, account: APIClient, logger: Logger) async throws -> [any DemoParticipant] {
        var started: [DemoDevice] = []
        for device in devices {
            let agent = DeviceAgent(DeviceAgent.Configuration(
                server: server, login: AccountLogin(email: email, password: password), deviceName: device.name,
                sources: device.sources, peer: SessionPeerOptions(loopbackOnly: true),
                logger: Logger(label: "streamz.demo.\(device.name)")))
            let run = Task {
                do { try await agent.run() } catch { logger.error("demo device \(device.name): \(error)") }
            }
            started.append(DemoDevice(agent: agent, run: run))
        }
        for device in started {
            // The stream ends if the agent stops, so a device that cannot start does not hold the demo.
            for await event in device.agent.events {
                if case .online = event { break }
            }
        }
        return started
    }
}

/// A simulated device of the demo: its agent and the task running it.
struct DemoDevice: DemoParticipant {
    let agent: DeviceAgent
    let run: Task<Void, Never>

    func stop() async {
        await agent.stop()
        await run.value
    }
}

/// Something the demo runs in-process for its account (a simulated device).
protocol DemoParticipant: Sendable {
    func stop() async
}
