/// Box-filter ("area-averaging") weights along one axis: every destination
/// sample is the mean of the source samples its interval covers, each weighted
/// by how much of it lies inside. Downscaling a camera picture to a few dozen
/// cells this way keeps fine detail from aliasing into noise, which point
/// sampling would not.
struct AreaResampler: Sendable {
    let destinationCount: Int
    /// For destination i: its first source index and its weights (summing to 1).
    private var starts: [Int] = []
    private var weightRanges: [Range<Int>] = []
    private var weights: [Float] = []

    /// Maps the source interval `lower..<upper` (in source-sample units, may be
    /// fractional and may run past the last sample, as chroma does for odd
    /// widths) onto `destinationCount` samples.
    init(lower: Double, upper: Double, destinationCount: Int) {
        self.destinationCount = max(0, destinationCount)
        guard destinationCount > 0, upper > lower else {
            starts = [Int](repeating: 0, count: self.destinationCount)
            weightRanges = [Range<Int>](repeating: 0..<0, count: self.destinationCount)
            return
        }
        let step = (upper - lower) / Double(destinationCount)
        for i in 0..<destinationCount {
            let from = lower + Double(i) * step
            let to = from + step
            let first = Int(from.rounded(.down))
            let last = Int((to - 1e-9).rounded(.down))
            let begin = weights.count
            var total = 0.0
            var raw: [Double] = []
            for j in first...max(first, last) {
                let overlap = min(to, Double(j + 1)) - max(from, Double(j))
                raw.append(max(0, overlap))
                total += max(0, overlap)
            }
            for w in raw { weights.append(Float(total > 0 ? w / total : 1 / Double(raw.count))) }
            starts.append(first)
            weightRanges.append(begin..<weights.count)
        }
    }

    /// The weighted mean for destination `i`, reading source samples through
    /// `sample`, clamping indices to `0..<sourceCount` (edge replication).
    @inline(__always)
    func resample(_ i: Int, sourceCount: Int, _ sample: (Int) -> Float) -> Float {
        var sum: Float = 0
        var j = starts[i]
        for k in weightRanges[i] {
            sum += weights[k] * sample(min(max(j, 0), sourceCount - 1))
            j += 1
        }
        return sum
    }
}

/// One 8-bit plane (luma or chroma) resampled to a float plane.
struct PlaneResampler: Sendable {
    let horizontal: AreaResampler
    let vertical: AreaResampler

    /// Resamples the `width` x `height` plane stored in `plane` (row stride =
    /// width). Horizontal first, then vertical, so the cost is one pass over
    /// the source plus one over the small intermediate.
    func resample(_ plane: [UInt8], width: Int, height: Int) -> [Float] {
        let outW = horizontal.destinationCount
        let outH = vertical.destinationCount
        guard width > 0, height > 0, plane.count >= width * height, outW > 0, outH > 0 else {
            return [Float](repeating: 0, count: max(0, outW * outH))
        }
        var rows = [Float](repeating: 0, count: outW * height)
        plane.withUnsafeBufferPointer { src in
            for y in 0..<height {
                let base = y * width
                for x in 0..<outW {
                    rows[y * outW + x] = horizontal.resample(x, sourceCount: width) { Float(src[base + $0]) }
                }
            }
        }
        var out = [Float](repeating: 0, count: outW * outH)
        for y in 0..<outH {
            for x in 0..<outW {
                out[y * outW + x] = vertical.resample(y, sourceCount: height) { rows[$0 * outW + x] }
            }
        }
        return out
    }
}
