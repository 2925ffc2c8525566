import Logging
import ServiceLifecycle

extension ServiceGroupConfiguration {
    /// The longest a server's graceful shutdown may take before what is left
    /// of it is cancelled. The hub's closing handshakes take at most its close
    /// grace plus a second (3 s by default) and idle HTTP connections close at
    /// once, so a healthy shutdown ends well inside it; the limit is for a
    /// client that stalls mid-request (a body that never comes), which would
    /// otherwise hold SIGTERM up for as long as it likes.
    public static let serverGracefulShutdownLimit: Duration = .seconds(5)

    /// How a Streamz server's services run: `services` (the application
    /// first, so it stops last) with `serverGracefulShutdownLimit`, and with
    /// `handlingSignals` a graceful shutdown on SIGTERM and SIGINT.
    public static func server(
        services: [any Service], handlingSignals: Bool = false, logger: Logger
    ) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [], logger: logger)
        configuration.maximumGracefulShutdownDuration = serverGracefulShutdownLimit
        return configuration
    }
}
