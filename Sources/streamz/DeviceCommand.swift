import ArgumentParser
import Foundation
import Logging
import StreamzClient

/// `streamz device` (PROTOCOL.md §5): a headless device that streams when a viewer asks.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Run a headless device: stay online and stream a test pattern, files or a tone when asked.",
        discussion: """
            The password comes from STREAMZ_PASSWORD or a prompt, never from the command line.
            Every flag also reads STREAMZ_<FLAG> (STREAMZ_SERVER, STREAMZ_EMAIL, STREAMZ_NAME, …).
            Several viewers may watch at once; each gets its own session.
            """)

    @OptionGroup var peer: PeerCommandOptions

    @Option(help: "Device name; the account's device of that name is reused, or created.")
    var name: String?

    @Flag(help: "Create the account first if it does not exist.")
    var register = false

    @Option(help: "testsrc (moving pattern with a clock and capture-time code), FILE.ivf (VP8, sent as is), FILE.y4m, or none (default testsrc).")
    var video: String?

    @Option(help: "tone (440 Hz at -15.1 dBFS RMS), FILE.ogg (Opus), or none (default tone).")
    var audio: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    func run() async throws {
        let environment = CommandEnvironment()
        let (address, email, peerOptions) = try peer.resolve(environment)
        let name = try environment.required(name, flag: "name")
        let sources: AgentSources
        do {
            sources = AgentSources(
                video: try VideoSourceChoice(argument: environment.value(video, flag: "video", default: "testsrc") ?? "testsrc"),
                audio: try AudioSourceChoice(argument: environment.value(audio, flag: "audio", default: "tone") ?? "tone"))
        } catch {
            throw ValidationError(error.description)
        }
        let login = AccountLogin(email: email, password: try environment.password(for: email),
                                 register: try environment.flag(register, flag: "register"))
        var logger = Logger(label: "streamz.device")
        logger.logLevel = try LogLevelOption.parse(environment.value(logLevel, flag: "log-level", default: "info"))
        let agent = DeviceAgent(.init(
            server: address, login: login, deviceName: name, sources: sources,
            peer: peerOptions, logger: logger))
        let signals = TerminationSignals { Task { await agent.stop() } }
        defer { signals.cancel() }
        let narrator = Task { await Self.narrate(agent.events) }
        defer { narrator.cancel() }
        do {
            try await agent.run()
        } catch {
            FileHandle.standardError.write(Data("streamz device: \(error)\n".utf8))
            throw ExitCode(1)
        }
        await narrator.value
    }

    /// One line on standard output per thing a person running the agent wants to know.
    private static func narrate(_ events: AsyncStream<DeviceAgentEvent>) async {
        for await event in events {
            let line: String = switch event {
            case .online(let device): "online as \"\(device.name)\" (\(device.id.uuidString.lowercased()))"
            case .offline: "connection lost; reconnecting"
            case .sessionStarted(let session): "session \(session.id.uuidString.lowercased()) requested: \(session.type.rawValue), \(session.quality.rawValue)"
            case .sessionEnded(let id, let reason): "session \(id.uuidString.lowercased()) ended: \(reason)"
            case .signedOut(let reason): "signed out: \(reason)"
            }
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}

/// `--log-level` values.
enum LogLevelOption {
    static func parse(_ text: String?) throws -> Logger.Level {
        guard let text else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("--log-level expects trace, debug, info, notice, warning, error or critical, got \(text.debugDescription).")
        }
        return level
    }
}
