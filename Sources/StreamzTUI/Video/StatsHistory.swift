import Foundation
import StreamzProtocol

/// One statistics report reduced to what the sparklines chart.
public struct StatsSample: Equatable, Sendable {
    public var at: Date
    public var latencyMs: Double?
    public var bitrateKbps: Double?

    public init(at: Date, latencyMs: Double?, bitrateKbps: Double?) {
        self.at = at
        self.latencyMs = latencyMs
        self.bitrateKbps = bitrateKbps
    }
}

/// A session's recent statistics, for the latency and bitrate sparklines:
/// the last `window` seconds of reports (bounded in count as well, so a
/// client reporting far more often than once a second cannot grow it).
public struct StatsHistory: Equatable, Sendable {
    public static let window: TimeInterval = 60
    static let maxSamples = 600

    public private(set) var samples: [StatsSample] = []

    public init() {}

    /// Records a report; reports without latency or bitrate add nothing.
    public mutating func record(_ stats: SessionStats, at now: Date) {
        guard stats.latencyMs != nil || stats.bitrateKbps != nil else { return }
        let at = stats.updatedAt ?? now
        samples.append(StatsSample(at: at, latencyMs: stats.latencyMs, bitrateKbps: stats.bitrateKbps))
        let newest = samples.map(\.at).max() ?? at
        samples.removeAll { newest.timeIntervalSince($0.at) > Self.window }
        if samples.count > Self.maxSamples { samples.removeFirst(samples.count - Self.maxSamples) }
    }

    /// The end of the chart's window: now, or the newest report when the
    /// reporting clock runs ahead of ours.
    public func windowEnd(now: Date) -> Date {
        max(now, samples.map(\.at).max() ?? now)
    }
}
