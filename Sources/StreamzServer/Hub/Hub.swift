import Foundation
import Logging
import StreamzProtocol

/// The WebSocket hub of PROTOCOL.md §3: authenticates connections, keeps
/// device presence, relays signalling between the two parties of each
/// session and tells each user's viewers, and only theirs, what changed.
///
/// One actor owns every table, so each decision sees a consistent picture;
/// storage calls are awaited, so after each `await` the code re-checks what
/// may have changed meanwhile (actor reentrancy). Sends never wait: they go
/// to each connection's outbox.
public actor Hub {
    /// ICE servers for a user's `welcome` and `session.request`.
    public typealias ICEServerProvider = @Sendable (_ userId: UUID) async -> [ICEServer]

    let configuration: HubConfiguration
    let tokens: any AccessTokenVerifier
    let devices: any DeviceStore
    let sessions: any SessionStore
    let iceServers: ICEServerProvider
    let logger: Logger

    var registry = ConnectionRegistry()
    var live = SessionTable()
    var presenceWrites: [UUID: PresenceWrite] = [:]
    var deadlines = DeadlineQueue()
    var watchdog = Watchdog()
    var signalsRelayed = 0
    var messagesRejected = 0
    var isShuttingDown = false
    var drainWaiters: [CheckedContinuation<Void, Never>] = []

    public init(
        configuration: HubConfiguration = HubConfiguration(),
        tokens: any AccessTokenVerifier,
        devices: any DeviceStore,
        sessions: any SessionStore,
        iceServers: @escaping ICEServerProvider,
        logger: Logger = Logger(label: "streamz.hub")
    ) {
        self.configuration = configuration
        self.tokens = tokens
        self.devices = devices
        self.sessions = sessions
        self.iceServers = iceServers
        self.logger = logger
    }

    /// Live counts for `/metrics`.
    public var counters: HubCounters {
        HubCounters(
            devicesConnected: registry.deviceCount, viewersConnected: registry.viewerCount,
            signalsRelayed: signalsRelayed, messagesRejected: messagesRejected)
    }

    // MARK: Sending

    func send(_ message: ServerMessage, to connection: HubConnection) {
        do {
            connection.send(try message.encoded())
        } catch {
            logger.error("Could not encode a \(message.type.rawValue) message", metadata: ["error": "\(error)"])
        }
    }

    func send(_ message: ServerMessage, toConnection id: UUID) {
        guard let connection = registry.connection(id) else { return }
        send(message, to: connection)
    }

    /// Fan-out goes to the owner's viewer connections only, never another user's.
    func sendToViewers(of userId: UUID, _ message: ServerMessage) {
        let viewers = registry.viewers(of: userId)
        guard !viewers.isEmpty else { return }
        do {
            let text = try message.encoded()
            for viewer in viewers { viewer.send(text) }
        } catch {
            logger.error("Could not encode a \(message.type.rawValue) message", metadata: ["error": "\(error)"])
        }
    }

    /// The direct answer to a request that carried an `id`.
    func acknowledge(_ requestId: String?, on connection: HubConnection, session: Session? = nil) {
        guard let requestId else { return }
        send(.ack(.init(replyTo: requestId, session: session)), to: connection)
    }

    /// An `error` answer; the message is dropped, the connection stays open.
    func reply(_ error: APIError, to requestId: String?, on connection: HubConnection) {
        messagesRejected += 1
        send(.error(.init(replyTo: requestId, code: error.code, message: error.message)), to: connection)
    }

    /// A message that breaks the contract closes the connection with 4400.
    func reject(_ connection: HubConnection, reason: String) {
        messagesRejected += 1
        connection.close(.malformedMessage, reason: reason)
    }

    /// Anything a store throws that is not an `APIError` is answered as
    /// `internal`, logged here with its details (PROTOCOL.md §1).
    func apiError(_ error: any Error, during action: String) -> APIError {
        if let error = error as? APIError { return error }
        logger.error("Store failure while \(action)", metadata: ["error": "\(error)"])
        return .internalError
    }
}
