import Foundation
import Logging
import StreamzClient
import StreamzProtocol
import StreamzTUI

/// The monitor's client layer: carries out the reducer's commands over the
/// REST API (`APIClient`) and the viewer WebSocket (`SignallingClient`), and
/// reports answers, pushes and the connection's state as `ClientEvent`s.
///
/// Commands run one after another on a task of their own, in the order the
/// loop handed them over, so `handle` returns at once and the screen never
/// waits for the network. Signalling events are delivered as they arrive.
///
/// Sign-in: `login`/`register` (REST) or `resume()` from the remembered
/// refresh token, then a viewer connection that reconnects with backoff. A
/// refused refresh (the login was revoked or expired) signs the monitor out
/// and back to the form.
public actor MonitorClient: MonitorCommandHandler {
    public struct Configuration: Sendable {
        /// Where logins are remembered per server; nil remembers nothing.
        public var credentials: CredentialStore?
        public var transport: any HTTPTransport
        public var signalling: SignallingClient.Configuration
        /// The clock the API client judges token expiry by (tests move it).
        public var tokenClock: @Sendable () -> Date
        /// What answers the device's offers; nil leaves them unanswered.
        public var media: (any MonitorMediaSessions)?
        public var logger: Logger

        public init(credentials: CredentialStore?, transport: any HTTPTransport = AsyncHTTPTransport(),
                    signalling: SignallingClient.Configuration = SignallingClient.Configuration(),
                    tokenClock: @escaping @Sendable () -> Date = Date.init, media: (any MonitorMediaSessions)? = nil,
                    logger: Logger = Logger(label: "streamz.monitor")) {
            self.credentials = credentials
            self.transport = transport
            self.signalling = signalling
            self.tokenClock = tokenClock
            self.media = media
            self.logger = logger
        }
    }

    /// The signed-in account's two clients; replaced on every sign-in.
    struct Account {
        /// Events of an earlier account's connection are ignored by this number.
        let generation: Int
        let api: APIClient
        var signalling: SignallingClient
        var welcome: ServerMessage.Welcome?
        /// Whether a `welcome` came before: the next one is a reconnection.
        var wasOnline = false
        /// Whether a 4401 close was already answered with a refresh and a new connection.
        var retriedAuthentication = false
    }

    let configuration: Configuration
    let output: any MonitorEventReceiver
    private let commandQueue: AsyncStream<MonitorCommand>.Continuation
    var account: Account?
    var lastGeneration = 0
    /// Sessions this monitor started that have not ended: their signals go to the media seam.
    var ownSessions: Set<UUID> = []
    /// While a `session.start` awaits its answer, pushes about sessions wait
    /// here, so the session is known (and its media started) before its
    /// first update or the device's offer is handled.
    var startPending = false
    var held: [ServerMessage] = []
    /// A `devices` snapshot arriving in parts.
    var snapshot = DevicesSnapshotAssembler()

    public init(configuration: Configuration, output: any MonitorEventReceiver) {
        self.configuration = configuration
        self.output = output
        let (commands, queue) = AsyncStream.makeStream(of: MonitorCommand.self)
        commandQueue = queue
        Task { [self] in
            for await command in commands { await self.perform(command) }
        }
    }

    var logger: Logger { configuration.logger }

    /// Queues the command and returns; its outcome arrives as events.
    public nonisolated func handle(_ command: MonitorCommand, sink: MonitorEventSink) async {
        commandQueue.yield(command)
    }

    /// Signs in from the login remembered for `server` (no password), and
    /// connects. `.notSignedIn` means none is remembered; a refused one has
    /// been forgotten by the API client.
    public func resume(server: ServerAddress) async -> Result<User, StreamzAPIError> {
        let api = makeAPIClient(server)
        do {
            let session = try await api.resume()
            logger.info("resumed the remembered login of \(session.email) at \(server)")
            await connect(api)
            return .success(session.user)
        } catch {
            logger.info("no remembered login resumed at \(server): \(error)")
            return .failure(error)
        }
    }

    /// Stops taking commands, releases the media of own sessions and closes
    /// the viewer connection (the server ends its sessions with `peer_disconnected`).
    public func shutdown() async {
        commandQueue.finish()
        await releaseOwnSessions()
        guard let current = account else { return }
        account = nil
        await current.signalling.stop()
        logger.info("monitor connection closed")
    }

    func makeAPIClient(_ server: ServerAddress) -> APIClient {
        APIClient(server: server, transport: configuration.transport, credentials: configuration.credentials,
                  now: configuration.tokenClock)
    }

    /// Opens the viewer connection of a signed-in API client; its events
    /// are delivered by a task of their own until it signs out.
    func connect(_ api: APIClient, retriedAuthentication: Bool = false) async {
        lastGeneration += 1
        let generation = lastGeneration
        let signalling = SignallingClient(server: api.server, role: .viewer, tokens: api,
                                          configuration: configuration.signalling, logger: logger)
        account = Account(generation: generation, api: api, signalling: signalling,
                          retriedAuthentication: retriedAuthentication)
        Task { [self] in
            for await event in signalling.events { await self.deliver(event, generation: generation) }
        }
        await signalling.start()
    }

    /// Leaves the account: media released, connection closed, the form shown with `reason`.
    func signOut(reason: String?) async {
        guard let current = account else { return }
        account = nil
        held.removeAll()
        await releaseOwnSessions()
        logger.info("signed out: \(reason ?? "no reason")")
        output.send(.signedOut(reason: reason))
        await current.signalling.stop()
    }

    func releaseOwnSessions() async {
        let sessions = ownSessions
        ownSessions.removeAll()
        guard let media = configuration.media else { return }
        for id in sessions { await media.stop(sessionId: id) }
    }
}
