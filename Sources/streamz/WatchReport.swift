import Foundation
import StreamzClient
import StreamzProtocol

/// The lines `streamz watch` prints (PROTOCOL.md §5): one per second while the session runs,
/// and a summary with `"summary": true` (and `"error": {code, message}` on failure).
struct WatchReport {
    var sessionId: UUID?
    var state: SessionState = .requested
    var latest = ViewerStats()
    var connectedAt: ContinuousClock.Instant?
    /// Capture-to-decoded latencies of every frame that carried its capture time, for the
    /// summary's percentiles.
    var latencies: [Double] = []
    var estimatedLatencies: [Double] = []

    /// One stats line's fields; unknown values are JSON null.
    func fields() -> [String: Any] {
        let report = latest.report
        return [
            "sessionId": sessionId.map { $0.uuidString.lowercased() } ?? NSNull(),
            "state": state.rawValue,
            "connectionType": report.connectionType?.rawValue ?? NSNull(),
            "localCandidateType": report.localCandidateType?.rawValue ?? NSNull(),
            "remoteCandidateType": report.remoteCandidateType?.rawValue ?? NSNull(),
            "timeToFirstFrameMs": latest.timeToFirstFrameMs.map(Self.rounded) ?? NSNull(),
            "framesDecoded": latest.framesDecoded,
            "audioFramesDecoded": latest.audioFramesDecoded,
            "framesPerSecond": report.framesPerSecond.map(Self.rounded) ?? NSNull(),
            "width": report.width ?? NSNull(),
            "height": report.height ?? NSNull(),
            "latencyMs": report.latencyMs.map(Self.rounded) ?? NSNull(),
            "latencyEstimated": report.latencyEstimated ?? NSNull(),
            "rttMs": report.rttMs.map(Self.rounded) ?? NSNull(),
            "jitterMs": report.jitterMs.map(Self.rounded) ?? NSNull(),
            "packetsLost": report.packetsLost ?? NSNull(),
            "packetLossRatio": report.packetLossRatio.map { ($0 * 10_000).rounded() / 10_000 } ?? NSNull(),
            "nacksSent": latest.nacksSent,
            "plisSent": latest.plisSent,
            "bitrateKbps": report.bitrateKbps.map(Self.rounded) ?? NSNull(),
            "audioLevelDb": report.audioLevelDb.map(Self.rounded) ?? NSNull(),
        ]
    }

    /// The summary: the last line's fields, the connected time, the average frame rate over it,
    /// latency percentiles, and the failure when there was one.
    func summaryFields(failure: SessionFailure?, now: ContinuousClock.Instant) -> [String: Any] {
        var fields = fields()
        fields["summary"] = true
        let connectedSeconds = connectedAt.map { Self.seconds(now - $0) }
        fields["connectedSeconds"] = connectedSeconds.map(Self.rounded) ?? NSNull()
        if let connectedSeconds, connectedSeconds > 0 {
            fields["averageFramesPerSecond"] = Self.rounded(Double(latest.framesDecoded) / connectedSeconds)
        }
        let samples = latencies.isEmpty ? estimatedLatencies : latencies
        fields["latencySamples"] = samples.count
        fields["latencyP50Ms"] = Self.percentile(samples, 0.50).map(Self.rounded) ?? NSNull()
        fields["latencyP95Ms"] = Self.percentile(samples, 0.95).map(Self.rounded) ?? NSNull()
        if !samples.isEmpty { fields["latencyEstimated"] = latencies.isEmpty }
        if let failure {
            fields["error"] = ["code": failure.code, "message": failure.message]
        }
        return fields
    }

    /// The stats line for people.
    func humanLine() -> String {
        let report = latest.report
        var parts = [state.rawValue]
        if let type = report.connectionType { parts.append(type.rawValue) }
        if let width = report.width, let height = report.height { parts.append("\(width)x\(height)") }
        if let fps = report.framesPerSecond { parts.append(String(format: "%.1f fps", fps)) }
        parts.append(Self.framesText(latest))
        if let latency = report.latencyMs {
            parts.append(String(format: "latency %.0f ms%@", latency, report.latencyEstimated == true ? " (est.)" : ""))
        }
        if let rtt = report.rttMs { parts.append(String(format: "rtt %.1f ms", rtt)) }
        if let jitter = report.jitterMs { parts.append(String(format: "jitter %.1f ms", jitter)) }
        parts.append("lost \(report.packetsLost ?? 0)")
        parts.append("nack \(latest.nacksSent) pli \(latest.plisSent)")
        if let kbps = report.bitrateKbps { parts.append(String(format: "%.0f kbps", kbps)) }
        if let level = report.audioLevelDb { parts.append(String(format: "audio %.1f dBFS", level)) }
        return parts.joined(separator: "  ")
    }

    func humanSummary(failure: SessionFailure?, now: ContinuousClock.Instant) -> String {
        let fields = summaryFields(failure: failure, now: now)
        var text = failure.map { "failed: \($0.code): \($0.message)" } ?? "ended"
        text += "  " + Self.framesText(latest)
        if let ttff = latest.timeToFirstFrameMs { text += String(format: ", first frame after %.0f ms", ttff) }
        if let p50 = fields["latencyP50Ms"] as? Double, let p95 = fields["latencyP95Ms"] as? Double {
            text += String(format: ", latency p50 %.0f ms p95 %.0f ms", p50, p95)
        }
        return text
    }

    /// Video frames, or audio frames when only audio came (an audio session).
    static func framesText(_ stats: ViewerStats) -> String {
        stats.framesDecoded == 0 && stats.audioFramesDecoded > 0
            ? "\(stats.audioFramesDecoded) audio frames" : "\(stats.framesDecoded) frames"
    }

    static func jsonLine(_ fields: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count - 1)).rounded())
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
