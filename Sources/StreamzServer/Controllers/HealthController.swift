import Foundation
import Hummingbird
import StreamzProtocol

/// `GET /api/v1/healthz` and `GET /metrics` (no auth).
struct HealthController {
    let sessions: SessionRepository
    let metrics: ServerMetrics
    let hubCounters: @Sendable () async -> HubCounters

    func addHealth(to routes: RouteCollection<AppRequestContext>) {
        routes.get("healthz") { _, _ in try Response.wire(HealthResponse(status: "ok")) }
    }

    /// Prometheus text exposition format 0.0.4.
    func addMetrics(to router: Router<AppRequestContext>) {
        router.get("metrics") { _, _ in
            let text = MetricsText.render(
                hub: await hubCounters(), sessionsByState: try await sessions.countByState(),
                authFailures: metrics.authFailureCount)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

/// Renders the counters in the Prometheus text format.
enum MetricsText {
    static func render(hub: HubCounters, sessionsByState: [SessionState: Int], authFailures: Int) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Int)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for sample in samples { lines.append("\(name)\(sample.labels) \(sample.value)") }
        }
        metric("streamz_devices_connected", "gauge", "Devices with an open WebSocket connection.", [("", hub.devicesConnected)])
        metric("streamz_viewers_connected", "gauge", "Viewer WebSocket connections.", [("", hub.viewersConnected)])
        metric(
            "streamz_sessions", "gauge", "Sessions stored, by state.",
            SessionState.allCases.map { ("{state=\"\($0.rawValue)\"}", sessionsByState[$0] ?? 0) })
        metric("streamz_signals_relayed_total", "counter", "Signalling messages relayed between parties.", [("", hub.signalsRelayed)])
        metric("streamz_auth_failures_total", "counter", "Requests answered 401.", [("", authFailures)])
        metric("streamz_ws_messages_rejected_total", "counter", "WebSocket messages refused as malformed or forbidden.", [("", hub.messagesRejected)])
        return lines.joined(separator: "\n") + "\n"
    }
}
