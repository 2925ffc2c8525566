import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// What the REST API is built from. The hub supplies `sessionControl`,
/// `deviceEvents` and `hubCounters`; tests inject recording fakes.
public struct RouterDependencies: Sendable {
    public var storage: ServerStorage
    public var sessionControl: any SessionControl
    public var deviceEvents: any DeviceEvents
    public var hubCounters: @Sendable () async -> HubCounters
    public var configuration: ServerConfiguration
    public var mailer: any Mailer
    public var metrics: ServerMetrics
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(
        storage: ServerStorage, sessionControl: any SessionControl, deviceEvents: any DeviceEvents,
        hubCounters: @escaping @Sendable () async -> HubCounters, configuration: ServerConfiguration,
        mailer: any Mailer, metrics: ServerMetrics = ServerMetrics(), now: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = Logger(label: "streamz.server")
    ) {
        self.storage = storage
        self.sessionControl = sessionControl
        self.deviceEvents = deviceEvents
        self.hubCounters = hubCounters
        self.configuration = configuration
        self.mailer = mailer
        self.metrics = metrics
        self.now = now
        self.logger = logger
    }
}

/// The router with every REST route of PROTOCOL.md §2 under `/api/v1` and
/// `/metrics` at the root. The hub adds its WebSocket route (`/api/v1/ws`)
/// to the same router before the application is built.
public func buildRouter(_ dependencies: RouterDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let configuration = dependencies.configuration
    // Outermost first: CORS headers land on error answers too.
    router.add(middleware: CORSAllowlistMiddleware(allowedOrigins: Set(configuration.corsOrigins)))
    router.add(middleware: ErrorMiddleware(metrics: dependencies.metrics))

    let storage = dependencies.storage
    let auth = AuthService(
        accounts: storage.accounts, hasher: PasswordHasher(cost: configuration.bcryptCost), tokens: storage.accessTokens,
        mailer: dependencies.mailer, now: dependencies.now, logger: dependencies.logger)
    let authController = AuthController(
        auth: auth, accounts: storage.accounts,
        limiter: RateLimiter(limit: configuration.authAttemptsPerMinute, window: 60), now: dependencies.now)
    let health = HealthController(
        sessions: storage.sessions, metrics: dependencies.metrics, hubCounters: dependencies.hubCounters)

    health.addMetrics(to: router)
    let api = router.group("api/v1")
    let open = RouteCollection(context: AppRequestContext.self)
    health.addHealth(to: open)
    api.addRoutes(open)
    api.addRoutes(authController.publicEndpoints, atPath: "auth")

    let secured = api
        .add(middleware: BearerAuthenticator(verifier: storage.accessTokens))
        .group(context: AuthenticatedContext.self)
    secured.addRoutes(authController.authenticatedEndpoints)
    secured.addRoutes(
        DeviceController(devices: storage.devices, events: dependencies.deviceEvents, now: dependencies.now).endpoints,
        atPath: "devices")
    secured.addRoutes(
        SessionController(sessions: storage.sessions, control: dependencies.sessionControl).endpoints,
        atPath: "sessions")
    secured.addRoutes(
        ICEServerController(issuer: ICEServerIssuer(configuration: configuration, now: dependencies.now)).endpoints,
        atPath: "ice-servers")
    return router
}

/// The application serving `router` over HTTP/1.1 with WebSocket upgrade
/// (`webSocket` sets frame limits and pings), wrapped in TLS when configured.
/// `services` run inside the application's own ServiceLifecycle group;
/// `onServerRunning` gets the listening channel (its bound port, when port 0 was asked for).
public func buildApplication(
    configuration: ServerConfiguration, router: Router<AppRequestContext>, services: [any Service] = [],
    webSocket: WebSocketServerConfiguration = .init(maxFrameSize: ServerConfiguration.maxBodySize),
    onServerRunning: (@Sendable (any Channel) async -> Void)? = nil,
    logger: Logger = Logger(label: "streamz.server")
) throws -> some ApplicationProtocol {
    try configuration.validate()
    var server: HTTPServerBuilder = .quiescingHTTP1WebSocketUpgrade(webSocketRouter: router, configuration: webSocket)
    if let tls = try TLSSettings.make(configuration: configuration, logger: logger) {
        server = try .tls(server, tlsConfiguration: tls)
    }
    return Application(
        router: router,
        server: server,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "streamz"),
        services: services,
        onServerRunning: onServerRunning ?? { _ in },
        logger: logger)
}

/// What the WebSocket hub contributes to a running server: the REST side's
/// view of it, its long-lived services, its routes (`/api/v1/ws`) on the
/// shared router and the WebSocket limits it wants.
public struct HubComponents: Sendable {
    public var sessionControl: any SessionControl
    public var deviceEvents: any DeviceEvents
    public var counters: @Sendable () async -> HubCounters
    /// Run after the application in one ServiceGroup, so on shutdown they stop
    /// before the HTTP server (ServiceGroup stops services in reverse order):
    /// the hub's 1001 closes go out while the sockets are still served.
    public var services: [any Service]
    public var addRoutes: @Sendable (Router<AppRequestContext>) -> Void
    public var webSocket: WebSocketServerConfiguration

    public init(
        sessionControl: any SessionControl, deviceEvents: any DeviceEvents,
        counters: @escaping @Sendable () async -> HubCounters, services: [any Service] = [],
        addRoutes: @escaping @Sendable (Router<AppRequestContext>) -> Void = { _ in },
        webSocket: WebSocketServerConfiguration = .init(maxFrameSize: ServerConfiguration.maxBodySize)
    ) {
        self.sessionControl = sessionControl
        self.deviceEvents = deviceEvents
        self.counters = counters
        self.services = services
        self.addRoutes = addRoutes
        self.webSocket = webSocket
    }
}

/// A built server: the application and the services that run beside it.
public struct ServerRuntime<App: ApplicationProtocol>: Sendable {
    public let application: App
    public let services: [any Service]
    public let logger: Logger

    /// The application first, then the hub's services, shut down in reverse
    /// order within `ServiceGroupConfiguration.serverGracefulShutdownLimit`.
    /// `streamz serve` starts that shutdown on SIGINT and SIGTERM; an
    /// embedded server handles no signals and calls `triggerGracefulShutdown()`.
    public func serviceGroup(handlingSignals: Bool = true) -> ServiceGroup {
        ServiceGroup(
            configuration: .server(services: [application] + services, handlingSignals: handlingSignals, logger: logger))
    }

    /// Serves until SIGINT/SIGTERM, then shuts down gracefully.
    public func run() async throws {
        try await serviceGroup().run()
    }
}

/// The whole server: opens (creating and migrating) the database, marks
/// every device offline, lets `makeHub` build the hub on that storage, and
/// returns the application serving the REST API and the hub's routes, with
/// the hub's services to run beside it.
public func buildServer(
    configuration: ServerConfiguration, logger: Logger = Logger(label: "streamz.server"),
    now: @escaping @Sendable () -> Date = Date.init,
    onServerRunning: (@Sendable (any Channel) async -> Void)? = nil,
    makeHub: (ServerStorage) async throws -> HubComponents
) async throws -> ServerRuntime<some ApplicationProtocol> {
    try configuration.validate()
    let storage = try await ServerStorage.open(configuration: configuration, now: now)
    try await storage.resetPresence(at: now())
    let hub = try await makeHub(storage)
    let router = buildRouter(
        RouterDependencies(
            storage: storage, sessionControl: hub.sessionControl, deviceEvents: hub.deviceEvents,
            hubCounters: hub.counters, configuration: configuration,
            mailer: try makeMailer(configuration: configuration, logger: logger), now: now, logger: logger))
    hub.addRoutes(router)
    let application = try buildApplication(
        configuration: configuration, router: router, webSocket: hub.webSocket, onServerRunning: onServerRunning, logger: logger)
    return ServerRuntime(application: application, services: hub.services, logger: logger)
}

/// `buildServer` for hub parts that need no storage of their own.
public func buildApplication(
    configuration: ServerConfiguration, sessionControl: any SessionControl, deviceEvents: any DeviceEvents,
    hubCounters: @escaping @Sendable () async -> HubCounters, logger: Logger = Logger(label: "streamz.server")
) async throws -> some ApplicationProtocol {
    try await buildServer(configuration: configuration, logger: logger) { _ in
        HubComponents(sessionControl: sessionControl, deviceEvents: deviceEvents, counters: hubCounters)
    }.application
}

/// The outbox mailer with `--mail-outbox`, the log mailer otherwise.
public func makeMailer(configuration: ServerConfiguration, logger: Logger) throws -> any Mailer {
    if let outbox = configuration.mailOutbox {
        return try OutboxMailer(directory: URL(fileURLWithPath: outbox), logger: logger)
    }
    return LogMailer(logger: logger)
}
