// Answer bodies of the ICE-server and health endpoints (PROTOCOL.md §2).

/// `GET /ice-servers`: `{iceServers: [{urls, username?, credential?}], ttl}`.
public struct ICEServersResponse: Codable, Equatable, Sendable {
    public var iceServers: [ICEServer]
    /// Seconds the TURN credentials stay valid.
    public var ttl: Int

    public init(iceServers: [ICEServer], ttl: Int) {
        self.iceServers = iceServers
        self.ttl = ttl
    }
}

/// `GET /api/v1/healthz`: `{status: "ok"}`.
public struct HealthResponse: Codable, Equatable, Sendable {
    public var status: String

    public init(status: String) { self.status = status }
}
