import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
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
        ICEServerController(
            stunURLs: configuration.stunURLs, turnURLs: configuration.turnURLs, turnSecret: configuration.turnSecret,
            ttl: configuration.turnCredentialTTL, now: dependencies.now
        ).endpoints,
        atPath: "ice-servers")
    return router
}

/// The application serving `router` over HTTP/1.1 with WebSocket upgrade,
/// wrapped in TLS when configured. `services` (the hub) run under the same
/// ServiceLifecycle group and shut down gracefully with it.
public func buildApplication(
    configuration: ServerConfiguration, router: Router<AppRequestContext>, services: [any Service] = [],
    logger: Logger = Logger(label: "streamz.server")
) throws -> some ApplicationProtocol {
    try configuration.validate()
    var server: HTTPServerBuilder = .http1WebSocketUpgrade(
        webSocketRouter: router,
        configuration: .init(ws: .init(maxFrameSize: ServerConfiguration.maxBodySize)))
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
        logger: logger)
}

/// Opens the database, builds the REST API around the given hub parts and
/// returns the application. The hub itself (its WebSocket route and its
/// service) is wired by the caller through `buildRouter`/`buildApplication(configuration:router:services:)`
/// when it needs the same storage; this form suits a server without one.
public func buildApplication(
    configuration: ServerConfiguration, sessionControl: any SessionControl, deviceEvents: any DeviceEvents,
    hubCounters: @escaping @Sendable () async -> HubCounters, logger: Logger = Logger(label: "streamz.server")
) async throws -> some ApplicationProtocol {
    try configuration.validate()
    let storage = try await ServerStorage.open(configuration: configuration)
    try await storage.resetPresence()
    let router = buildRouter(
        RouterDependencies(
            storage: storage, sessionControl: sessionControl, deviceEvents: deviceEvents, hubCounters: hubCounters,
            configuration: configuration, mailer: try makeMailer(configuration: configuration, logger: logger),
            logger: logger))
    return try buildApplication(configuration: configuration, router: router, logger: logger)
}

/// The outbox mailer with `--mail-outbox`, the log mailer otherwise.
public func makeMailer(configuration: ServerConfiguration, logger: Logger) throws -> any Mailer {
    if let outbox = configuration.mailOutbox {
        return try OutboxMailer(directory: URL(fileURLWithPath: outbox), logger: logger)
    }
    return LogMailer(logger: logger)
}
