import ArgumentParser
import StreamzClient

/// The flags `streamz device` and `streamz watch` share (PROTOCOL.md §5): the server, the account
/// and how the session's peer gathers candidates. Each also reads STREAMZ_<FLAG>.
struct PeerCommandOptions: ParsableArguments {
    @Option(help: "Server URL, e.g. http://127.0.0.1:8080.")
    var server: String?

    @Option(help: "Account email.")
    var email: String?

    @Flag(name: .customLong("relay-only"), help: "Use only TURN relay candidates. NOT SUPPORTED YET: relay candidates are not gathered, so this refuses to start.")
    var relayOnly = false

    @Flag(name: .customLong("loopback-only"), help: "Gather only 127.0.0.1 host candidates (tests and one-machine demos).")
    var loopbackOnly = false

    /// The server, the email and the peer's options, from the flags or the environment.
    /// - Throws: `ValidationError` for a missing flag, a bad URL or `--relay-only`.
    func resolve(_ environment: CommandEnvironment) throws -> (server: ServerAddress, email: String, peer: SessionPeerOptions) {
        let address = try ServerAddress(try environment.required(server, flag: "server"))
        let email = try environment.required(email, flag: "email")
        if try environment.flag(relayOnly, flag: "relay-only") {
            throw ValidationError("--relay-only is not supported yet: TURN relay candidates are not gathered.")
        }
        return (address, email, SessionPeerOptions(loopbackOnly: try environment.flag(loopbackOnly, flag: "loopback-only")))
    }
}
