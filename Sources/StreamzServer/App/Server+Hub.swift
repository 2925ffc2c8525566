import Foundation
import Hummingbird
import Logging
import NIOCore

/// The production server: `buildServer` around the real WebSocket hub, with
/// the hub's heartbeat interval and ICE servers taken from the configuration.
public func buildLiveServer(
    configuration: ServerConfiguration, logger: Logger = Logger(label: "streamz.server"),
    onServerRunning: (@Sendable (any Channel) async -> Void)? = nil
) async throws -> ServerRuntime<some ApplicationProtocol> {
    try await buildServer(configuration: configuration, logger: logger, onServerRunning: onServerRunning) { storage in
        var hubConfiguration = HubConfiguration()
        hubConfiguration.heartbeatInterval = configuration.heartbeatInterval
        let issuer = ICEServerIssuer(configuration: configuration)
        let hub = Hub(
            configuration: hubConfiguration, tokens: storage.accessTokens, devices: storage.devices,
            sessions: storage.sessions, iceServers: { issuer.iceServers(for: $0) }, logger: logger)
        return HubComponents(
            sessionControl: hub, deviceEvents: hub, counters: { await hub.counters }, services: [hub],
            addRoutes: { hub.addRoutes(to: $0) }, webSocket: HubConfiguration.webSocketServerConfiguration)
    }
}
