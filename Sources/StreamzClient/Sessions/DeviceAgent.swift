import Foundation
import Logging
import StreamzProtocol
import StreamzRTC

/// The headless device of `streamz device` (PROTOCOL.md §5), embeddable in-process (`streamz demo`
/// runs several): signs in, creates or reuses its named device, stays online through a
/// `SignallingClient` (heartbeats, reconnects) and serves every `session.request` with its own
/// `AgentSession`, several at once.
///
/// ```swift
/// let agent = DeviceAgent(.init(server: address, login: login, deviceName: "desk", sources: sources))
/// let running = Task { try await agent.run() }     // returns when stopped or signed out
/// for await event in agent.events { … }           // .online(device), .sessionStarted, …
/// await agent.stop()
/// ```
public actor DeviceAgent {
    public struct Configuration: Sendable {
        public var server: ServerAddress
        public var login: AccountLogin
        public var deviceName: String
        public var sources: AgentSources
        public var peer: SessionPeerOptions
        public var signalling: SignallingClient.Configuration
        public var logger: Logger

        public init(server: ServerAddress, login: AccountLogin, deviceName: String, sources: AgentSources,
                    peer: SessionPeerOptions = SessionPeerOptions(),
                    signalling: SignallingClient.Configuration = SignallingClient.Configuration(),
                    logger: Logger = Logger(label: "streamz.device")) {
            self.server = server
            self.login = login
            self.deviceName = deviceName
            self.sources = sources
            self.peer = peer
            self.signalling = signalling
            self.logger = logger
        }
    }

    public let configuration: Configuration
    /// What the agent does, in order; finishes when `run()` returns.
    public nonisolated let events: AsyncStream<DeviceAgentEvent>
    private let eventSink: AsyncStream<DeviceAgentEvent>.Continuation
    private let api: APIClient
    private var signalling: SignallingClient?
    private var sessions: [UUID: AgentSession] = [:]
    private var stopping = false
    /// The device this agent serves, once `run()` created or found it.
    public private(set) var device: Device?

    public init(_ configuration: Configuration, api: APIClient? = nil) {
        self.configuration = configuration
        self.api = api ?? APIClient(server: configuration.server)
        (events, eventSink) = AsyncStream.makeStream(of: DeviceAgentEvent.self)
    }

    /// The ids of the sessions being served now.
    public var activeSessions: [UUID] { Array(sessions.keys) }

    /// Signs in, registers or reuses the device and serves sessions until `stop()` or until the
    /// server signs the connection out (4401/4403/4409/4410).
    /// - Throws: `DeviceAgentError` when signing in, the device, or the sources fail at start-up.
    public func run() async throws(DeviceAgentError) {
        defer { eventSink.finish() }
        do { try configuration.sources.validate() } catch { throw .sources(error) }
        let device: Device
        do {
            try await configuration.login.signIn(api)
            device = try await api.ensureAgentDevice(named: configuration.deviceName, capabilities: configuration.sources.capabilities)
        } catch {
            throw .api(error)
        }
        self.device = device
        let client = SignallingClient(server: configuration.server, role: .device(device.id), tokens: api,
                                      configuration: configuration.signalling, logger: configuration.logger)
        signalling = client
        if stopping { return }
        await client.start()
        for await event in client.events {
            switch event {
            case .state(let state):
                await handle(state, device: device)
            case .message(let message):
                await handle(message, client: client)
            }
        }
        await endAll(reason: "device_stopped")
    }

    /// Ends every session (`session.end`) and closes the connection; `run()` then returns.
    public func stop() async {
        guard !stopping else { return }
        stopping = true
        if let signalling {
            for id in sessions.keys { try? await signalling.send(.sessionEnd(.init(sessionId: id, reason: "device_stopped"))) }
        }
        await endAll(reason: "device_stopped")
        await signalling?.stop()
    }

    private func handle(_ state: SignallingState, device: Device) async {
        switch state {
        case .online:
            eventSink.yield(.online(device))
        case .reconnecting, .connecting:
            eventSink.yield(.offline)
            // The server ends a closed connection's sessions (peer_disconnected); ours go too.
            await endAll(reason: "peer_disconnected")
        case .signedOut(let reason):
            eventSink.yield(.signedOut(reason))
        }
    }

    private func handle(_ message: ServerMessage, client: SignallingClient) async {
        switch message {
        case .sessionRequest(let request):
            await open(request, client: client)
        case .signal(let signal):
            await sessions[signal.sessionId]?.receive(signal.content)
        case .sessionQuality(let change):
            await sessions[change.sessionId]?.applyQuality(change.quality)
        case .sessionEnded(let ended):
            await sessions[ended.sessionId]?.end(reason: ended.reason)
        case .error(let report):
            configuration.logger.warning("Server error", metadata: ["code": "\(report.code)", "message": "\(report.message)"])
        default:
            break
        }
    }

    private func open(_ request: ServerMessage.SessionRequest, client: SignallingClient) async {
        let id = request.session.id
        guard sessions[id] == nil, !stopping else { return }
        do {
            let session = try AgentSession(
                request: request, sources: configuration.sources, signalling: client, peer: configuration.peer,
                logger: configuration.logger, onFinish: { [weak self] id, reason in await self?.finished(id, reason: reason) })
            sessions[id] = session
            eventSink.yield(.sessionStarted(request.session))
            await session.start()
        } catch {
            let failure = error as? SessionFailure ?? SessionFailure(code: "internal", message: "\(error)")
            try? await client.send(.sessionState(.init(sessionId: id, state: .failed, reason: failure.reason)))
            eventSink.yield(.sessionEnded(id, reason: failure.reason))
        }
    }

    private func finished(_ id: UUID, reason: String) {
        guard sessions.removeValue(forKey: id) != nil else { return }
        eventSink.yield(.sessionEnded(id, reason: reason))
    }

    private func endAll(reason: String) async {
        for session in Array(sessions.values) { await session.end(reason: reason) }
    }
}

/// What a `DeviceAgent` reports.
public enum DeviceAgentEvent: Sendable {
    /// Connected and authenticated as `device`: it shows online to the account's viewers.
    case online(Device)
    /// The connection dropped; the signalling client is reconnecting.
    case offline
    case sessionStarted(Session)
    /// A session ended or failed, with the reason (`code: detail`).
    case sessionEnded(UUID, reason: String)
    /// The server closed the connection for good (device removed, replaced, token refused).
    case signedOut(SignedOutReason)
}

/// Why a `DeviceAgent` could not start.
public enum DeviceAgentError: Error, Sendable, CustomStringConvertible {
    case api(StreamzAPIError)
    case sources(MediaSourceChoiceError)

    public var description: String {
        switch self {
        case .api(let error): error.description
        case .sources(let error): error.description
        }
    }
}
