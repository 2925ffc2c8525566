import Foundation
import StreamzProtocol

/// How good one figure of the connection is; drawn green, yellow or red.
/// The thresholds are in DECISIONS.md ("Stats colours").
public enum LinkQuality: Equatable, Sendable {
    case good, fair, poor

    public var style: TextStyle {
        switch self {
        case .good: .online
        case .fair: .warning
        case .poor: .error
        }
    }

    /// One-way latency: under 200 ms feels live, past 500 ms it does not.
    public static func latency(_ ms: Double) -> LinkQuality { ms < 200 ? .good : ms < 500 ? .fair : .poor }
    public static func rtt(_ ms: Double) -> LinkQuality { ms < 100 ? .good : ms < 250 ? .fair : .poor }
    /// Fraction of packets lost: VP8 conceals 1 % well, 5 % shows.
    public static func loss(_ ratio: Double) -> LinkQuality { ratio < 0.01 ? .good : ratio < 0.05 ? .fair : .poor }
    public static func framesPerSecond(_ fps: Double) -> LinkQuality { fps >= 24 ? .good : fps >= 12 ? .fair : .poor }
    /// A relayed path works but costs a hop and the TURN server's bandwidth.
    public static func connection(_ type: ConnectionType) -> LinkQuality { type == .p2p ? .good : .fair }
}

/// The stats line: latency (with `~` when it is an estimate), RTT, the path
/// (`p2p`/`relay` and the candidate types), fps, resolution, bitrate and
/// loss, each coloured by `LinkQuality`; and the sparklines line under it.
public enum StatsLineView {
    public struct Segment: Equatable, Sendable {
        public var text: String
        public var style: TextStyle
    }

    /// The figures present in `stats`, in order; `compact` for a grid cell.
    public static func segments(_ stats: SessionStats, compact: Bool) -> [Segment] {
        var parts: [Segment] = []
        if let latency = stats.latencyMs {
            let mark = stats.latencyEstimated == true ? "~" : ""
            let text = compact ? "\(mark)\(whole(latency))ms" : "latency \(mark)\(whole(latency)) ms"
            parts.append(Segment(text: text, style: LinkQuality.latency(latency).style))
        }
        if let rtt = stats.rttMs {
            parts.append(Segment(text: compact ? "rtt\(whole(rtt))" : "rtt \(whole(rtt)) ms", style: LinkQuality.rtt(rtt).style))
        }
        if let type = stats.connectionType {
            var text = type.rawValue
            if !compact, let local = stats.localCandidateType, let remote = stats.remoteCandidateType {
                text += " \(local.rawValue)→\(remote.rawValue)"
            }
            if !compact, let transport = stats.transport { text += " " + transport }
            parts.append(Segment(text: text, style: LinkQuality.connection(type).style))
        }
        if let fps = stats.framesPerSecond {
            parts.append(Segment(text: compact ? "\(whole(fps))fps" : "\(whole(fps)) fps", style: LinkQuality.framesPerSecond(fps).style))
        }
        if !compact, let width = stats.width, let height = stats.height {
            parts.append(Segment(text: "\(width)x\(height)", style: .normal))
        }
        if let kbps = stats.bitrateKbps { parts.append(Segment(text: bitrate(kbps, compact: compact), style: .normal)) }
        if let ratio = stats.packetLossRatio {
            let percent = String(format: "%.1f%%", ratio * 100)
            parts.append(Segment(text: compact ? "loss" + percent : "loss " + percent, style: LinkQuality.loss(ratio).style))
        } else if let lost = stats.packetsLost {
            parts.append(Segment(text: "lost \(lost)", style: .normal))
        }
        return parts
    }

    /// Draws the segments from (row, column) within `width` columns,
    /// separated by " · " (a space when compact), as many whole ones as
    /// fit (a figure cut short would misread); returns the column after.
    @discardableResult
    public static func draw(_ stats: SessionStats, compact: Bool, row: Int, column: Int, width: Int,
                            into grid: inout ScreenGrid) -> Int {
        let limit = column + max(0, width)
        let separator = compact ? " " : " · "
        var x = column
        for (index, segment) in segments(stats, compact: compact).enumerated() {
            let lead = index > 0 ? separator : ""
            guard x + CharacterWidth.columns(of: lead + segment.text) <= limit else { break }
            x = grid.put(lead, row: row, column: x, style: .dim)
            x = grid.put(segment.text, row: row, column: x, style: segment.style)
        }
        return x
    }

    /// "lat ▁▂▄█  kbps ▅▆▇█": latency and bitrate over the last minute, each
    /// in half of `width`.
    public static func drawSparklines(_ history: StatsHistory?, now: Date, row: Int, column: Int, width: Int,
                                      into grid: inout ScreenGrid) {
        let half = max(0, width / 2)
        let end = history?.windowEnd(now: now) ?? now
        let samples = history?.samples ?? []
        for (index, (label, value)) in [("lat ", \StatsSample.latencyMs), ("kbps ", \StatsSample.bitrateKbps)].enumerated() {
            let left = column + index * half
            let x = grid.put(label, row: row, column: left, style: .dim, width: half)
            let room = half - (x - left) - 1
            guard room > 0 else { continue }
            let line = Sparkline.render(samples, value: { $0[keyPath: value] }, width: room,
                                        window: StatsHistory.window, end: end)
            grid.put(line, row: row, column: x, style: .accent, width: room)
        }
    }

    static func whole(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int(max(-1e9, min(1e9, value)).rounded())
    }

    static func bitrate(_ kbps: Double, compact: Bool) -> String {
        if kbps >= 1000 { return String(format: compact ? "%.1fM" : "%.1f Mbps", kbps / 1000) }
        return compact ? "\(whole(kbps))k" : "\(whole(kbps)) kbps"
    }
}
