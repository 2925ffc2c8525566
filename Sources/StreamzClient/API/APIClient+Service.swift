import Foundation
import StreamzProtocol

// PROTOCOL.md §2 "ICE servers and health".
extension APIClient {
    /// `GET /ice-servers`: STUN/TURN servers with TURN credentials valid `ttl` seconds.
    public func iceServers() async throws(StreamzAPIError) -> ICEServersResponse {
        try await authorized("GET", "/ice-servers")
    }

    /// `GET /api/v1/healthz` (no auth).
    public func health() async throws(StreamzAPIError) -> HealthResponse {
        try await call("GET", server.api("/healthz"), body: NoBody?.none, bearer: nil)
    }

    /// `GET /metrics` (no auth, at the root): the Prometheus text exposition.
    public func metrics() async throws(StreamzAPIError) -> String {
        let text: PlainText = try await call("GET", server.root("/metrics"), body: NoBody?.none, bearer: nil)
        return text.value
    }
}
