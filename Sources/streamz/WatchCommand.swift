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

    @OptionGroup var peer: PeerCommandOptions

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

    func run() async throws {
        let environment = CommandEnvironment()
        let (address, email, peerOptions) = try peer.resolve(environment)
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
        let watch = WatchRun(
            address: address, email: email, password: { try environment.password(for: email) },
            credentials: try? CredentialStore(),
            deviceName: deviceName, type: sessionType, quality: quality, duration: seconds.map { .milliseconds(Int64($0 * 1000)) },
            json: try environment.flag(json, flag: "json"),
            peer: peerOptions)
        guard await watch.run() else { throw ExitCode(1) }
    }
}
