import Foundation
import Logging
import StreamzClient
import StreamzProtocol
import StreamzTUI

/// `streamz monitor` put together: the remembered login is resumed before
/// the screen opens (so it skips the form), the monitor runs until the user
/// quits, and the connection is closed after the terminal is restored.
public enum MonitorLauncher {
    public struct Options: Sendable {
        public var server: ServerAddress
        /// `--max-kbps`: caps the bytes the video pane writes to the terminal.
        public var maxKbps: Double?
        public var credentials: CredentialStore?
        public var media: (any MonitorMediaSessions)?
        /// Gives TERM, NO_COLOR, COLORTERM and XDG_STATE_HOME (the log's folder).
        public var environment: [String: String]

        public init(server: ServerAddress, maxKbps: Double? = nil, credentials: CredentialStore?,
                    media: (any MonitorMediaSessions)? = nil, environment: [String: String]) {
            self.server = server
            self.maxKbps = maxKbps
            self.credentials = credentials
            self.media = media
            self.environment = environment
        }
    }

    /// Runs the monitor; throws only when the terminal cannot be started.
    public static func run(_ options: Options, logger: Logger = Logger(label: "streamz.monitor")) async throws {
        let sink = try MonitorEventSink()
        let client = MonitorClient(
            configuration: MonitorClient.Configuration(credentials: options.credentials, media: options.media, logger: logger),
            output: sink)
        var rememberedUser: User?
        switch await client.resume(server: options.server) {
        case .success(let user):
            rememberedUser = user
        case .failure(.notSignedIn):
            break
        case .failure(let error):
            // Shown on the login form: the remembered login was refused, or the server is not there.
            sink.send(.authFailed(MonitorEventMapping.detail(for: error)))
        }
        do {
            try await MonitorApp.run(
                MonitorApp.Options(server: options.server.normalized, rememberedUser: rememberedUser, maxKbps: options.maxKbps),
                handler: client, sink: sink, environment: options.environment)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    /// Routes swift-log output (client, signalling, an embedded server) into
    /// the monitor's log file, at `level`. Once per process, before any logger is made.
    public static func bootstrapLogging(environment: [String: String], level: Logger.Level = .info) {
        let log = MonitorLog.defaultURL(environment: environment).flatMap { try? MonitorLog(url: $0) }
        LoggingSystem.bootstrap { label in
            guard let log else { return SwiftLogNoOpLogHandler(label) }
            return MonitorLogHandler(label: label, log: log, level: level)
        }
    }
}
