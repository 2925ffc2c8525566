import Foundation

/// A one-line chart of a value over time with the eight block heights
/// ▁▂▃▄▅▆▇█: the window is cut into as many equal time bins as there are
/// characters, each bin shows the mean of its samples, and the heights span
/// the smallest to the largest bin mean on show (so a steady value reads as
/// a flat line, not as noise blown up to full height). A bin with no sample
/// is a space.
public enum Sparkline {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `samples` need not be sorted; those outside (`end - window`, `end`]
    /// are ignored. `width` characters, oldest on the left.
    public static func render(_ samples: [StatsSample], value: (StatsSample) -> Double?, width: Int,
                              window: TimeInterval, end: Date) -> String {
        guard width > 0, window > 0 else { return "" }
        var sums = [Double](repeating: 0, count: width)
        var counts = [Int](repeating: 0, count: width)
        let start = end.addingTimeInterval(-window)
        for sample in samples {
            guard let v = value(sample), v.isFinite, sample.at > start, sample.at <= end else { continue }
            let position = sample.at.timeIntervalSince(start) / window * Double(width)
            let bin = min(width - 1, max(0, Int(position.rounded(.up)) - 1))
            sums[bin] += v
            counts[bin] += 1
        }
        let means = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : nil as Double? }
        return String(scale(means))
    }

    /// Maps values to the eight heights between their minimum and maximum;
    /// all equal values sit at the lowest height, nils are spaces.
    public static func scale(_ values: [Double?]) -> [Character] {
        let present = values.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else { return values.map { _ in " " } }
        let span = high - low
        return values.map { value in
            guard let value else { return " " }
            guard span > 0 else { return levels[0] }
            let index = Int(((value - low) / span * Double(levels.count - 1)).rounded())
            return levels[min(levels.count - 1, max(0, index))]
        }
    }
}
