import ArgumentParser
import Foundation
import Logging
import StreamzClient
import StreamzProtocol

/// `streamz watch` (PROTOCOL.md §5): a headless viewer that starts a session, decodes, prints a
/// stats line a second and a summary, and exits non-zero with the reason when the session fails.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a device headlessly: decode its media and print statistics.",
        discussion: """
            Signs in with the login remembered for the server when it is this email's; otherwise
            the password comes from STREAMZ_PASSWORD or a prompt. Every flag also reads
            STREAMZ_<FLAG>. Exits 0 after --duration seconds of connected session (or on Ctrl-C),
            1 when the session fails: the summary line then carries "error": {"code", "message"}
            (device_offline, capability_missing, timeout, ice_failed, dtls_failed, unsupported_codec, …).
            """)

    @Option(help: "Server URL, e.g. http://127.0.0.1:8080.")
    var server: String?

    @Option(help: "Account email.")
    var email: String?

    @Option(help: "The device's name or id.")
    var device: String?

    @Option(help: "video, audio or both (default both).")
    var type: String?

    @Option(help: "low, medium, high or auto (default medium).")
    var quality: String?

    @Option(help: "Seconds to watch once connected; without it, until Ctrl-C.")
    var duration: String?

    @Flag(help: "Print JSON lines instead of text.")
    var json = false

    @Flag(name: .customLong("relay-only"), help: "Use only TURN relay candidates. NOT SUPPORTED YET: relay candidates are not gathered, so this refuses to start.")
    var relayOnly = false

    @Flag(name: .customLong("loopback-only"), help: "Gather only 127.0.0.1 host candidates (tests and one-machine demos).")
    var loopbackOnly = false

    func run() async throws {
        let environment = CommandEnvironment()
        let address = try ServerAddress(try environment.required(server, flag: "server"))
        let email = try environment.required(email, flag: "email")
        let deviceName = try environment.required(device, flag: "device")
        guard let sessionType = SessionType(rawValue: environment.value(type, flag: "type", default: "both") ?? "both") else {
            throw ValidationError("--type expects video, audio or both.")
        }
        guard let quality = Quality(rawValue: environment.value(quality, flag: "quality", default: "medium") ?? "medium") else {
            throw ValidationError("--quality expects low, medium, high or auto.")
        }
        var seconds: Double?
        if let text = environment.value(duration, flag: "duration") {
            guard let value = Double(text), value > 0, value.isFinite else { throw ValidationError("--duration expects a positive number of seconds.") }
            seconds = value
        }
        if try environment.flag(relayOnly, flag: "relay-only") {
            throw ValidationError("--relay-only is not supported yet: TURN relay candidates are not gathered.")
        }
        let watch = WatchRun(
            address: address, email: email, password: { try environment.password(for: email) },
            credentials: try? CredentialStore(),
            deviceName: deviceName, type: sessionType, quality: quality, duration: seconds.map { .milliseconds(Int64($0 * 1000)) },
            json: try environment.flag(json, flag: "json"),
            peer: SessionPeerOptions(loopbackOnly: try environment.flag(loopbackOnly, flag: "loopback-only")))
        guard await watch.run() else { throw ExitCode(1) }
    }
}
