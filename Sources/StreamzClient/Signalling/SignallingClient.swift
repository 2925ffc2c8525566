import Foundation
import Logging
import StreamzProtocol

/// The WebSocket signalling client of PROTOCOL.md §3, for a viewer or a device.
///
/// `start()` connects to `/api/v1/ws`, sends `auth` first, and once
/// `welcome` arrives is `online`; a device then heartbeats every
/// `heartbeatInterval`. Everything the server says comes out of `events`.
/// A lost connection is retried with `BackoffPolicy` (0.5 s doubling to
/// 30 s, with jitter), after getting a fresh access token, except after the
/// close codes that forbid it (4401/4403/4409/4410), which sign it out.
///
/// ```swift
/// let signalling = SignallingClient(server: api.server, role: .viewer, tokens: api)
/// await signalling.start()
/// for await event in signalling.events { … }
/// let ack = try await signalling.request(.sessionStart(.init(deviceId: id, sessionType: .both, quality: .auto)))
/// ```
public actor SignallingClient {
    /// The role of the `auth` message.
    public enum Role: Equatable, Sendable {
        case viewer
        /// A device connection for the account's device with this id.
        case device(UUID)
    }

    public struct Configuration: Sendable {
        public var backoff = BackoffPolicy()
        /// How long to wait for `welcome` after sending `auth` before giving the connection up.
        public var welcomeTimeout: Duration = .seconds(10)
        /// How long `request(_:)` waits for its `ack` or `error`.
        public var requestTimeout: Duration = .seconds(10)
        /// The largest server message read. A `devices` snapshot of a big
        /// account can exceed the 64 KiB the server accepts from clients.
        public var maxMessageBytes = 1 << 20

        public init() {}
    }

    public nonisolated let server: ServerAddress
    public nonisolated let role: Role
    /// Events in order: state changes and server messages. Finishes when the client is signed out.
    public nonisolated let events: AsyncStream<SignallingEvent>

    let tokens: any AccessTokenSource
    let configuration: Configuration
    let logger: Logger
    let eventSink: AsyncStream<SignallingEvent>.Continuation
    var random: JitterSource

    /// The current state (also reported through `events`).
    public private(set) var state: SignallingState = .connecting

    /// The `welcome` of the current connection while online: its
    /// `connectionId` goes into `POST /sessions`, its `iceServers` to the peer.
    public var welcome: ServerMessage.Welcome? {
        if case .online(let welcome) = state { return welcome }
        return nil
    }
    /// The current connection, while one is open.
    var link: Link?
    var pending: [String: PendingRequest] = [:]
    var requestCounter = 0
    var lastGeneration = 0
    var heartbeat: Task<Void, Never>?
    var runner: Task<Void, Never>?
    var stopping = false

    /// - Parameters:
    ///   - tokens: gives the access token for each connection attempt (an `APIClient`).
    ///   - random: the jitter source of the backoff; tests pass a seeded generator.
    public init(
        server: ServerAddress, role: Role, tokens: any AccessTokenSource, configuration: Configuration = Configuration(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        logger: Logger = Logger(label: "streamz.signalling")
    ) {
        self.server = server
        self.role = role
        self.tokens = tokens
        self.configuration = configuration
        self.random = JitterSource(random)
        self.logger = logger
        let (stream, sink) = AsyncStream.makeStream(of: SignallingEvent.self)
        events = stream
        eventSink = sink
    }

    /// Starts connecting (and reconnecting) in the background. Calling it again does nothing.
    public func start() {
        guard runner == nil, !stopping else { return }
        runner = Task { await self.run() }
    }

    /// Closes the connection (1000) and stops reconnecting; the state becomes
    /// `signedOut(.stopped)` and `events` finishes. Returns when the socket is gone.
    public func stop() async {
        guard !stopping else { return }
        stopping = true
        if let link { link.outgoing.yield(.close) } else { runner?.cancel() }
        await runner?.value
        enter(.signedOut(.stopped))
    }

    /// Sends a message without waiting for an answer (heartbeats, `signal`, `session.state`, …).
    public func send(_ message: ClientMessage) throws(SignallingError) {
        guard let link, case .online = state else { throw .notConnected }
        link.outgoing.yield(.text(try Self.encode(ClientEnvelope(message))))
    }

    /// A device's capabilities changed: tells the server in a heartbeat
    /// (PROTOCOL.md §3 "Presence"). Periodic heartbeats carry none, so the
    /// server does not rewrite the device and notify viewers every interval.
    public func updateCapabilities(_ capabilities: Capabilities) throws(SignallingError) {
        try send(.heartbeat(.init(capabilities: capabilities)))
    }

    // MARK: State and events

    func enter(_ next: SignallingState) {
        guard state != next else { return }
        if case .signedOut = state { return }
        state = next
        eventSink.yield(.state(next))
        if case .signedOut = next { eventSink.finish() }
    }

    func emit(_ message: ServerMessage) {
        eventSink.yield(.message(message))
    }

    /// The caller's generator behind one concrete type, so the actor can
    /// pass it `inout` to the backoff policy.
    struct JitterSource: RandomNumberGenerator, Sendable {
        var base: any RandomNumberGenerator & Sendable

        init(_ base: any RandomNumberGenerator & Sendable) { self.base = base }

        mutating func next() -> UInt64 { base.next() }
    }

    static func encode(_ envelope: ClientEnvelope) throws(SignallingError) -> String {
        do { return try envelope.encoded() } catch { throw .encoding("\(error)") }
    }
}
