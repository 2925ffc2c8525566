import Foundation

/// A one-line audio meter: a bar over −60…0 dBFS whose cells are green,
/// yellow or red by the level they stand for (a segmented meter, as a
/// podcaster knows it), the peak-hold mark, the RMS and held peak in
/// figures, and CLIP after a peak at full scale.
///
///     ♪ █████████████████████████····│·····  -24.0 pk -12.5
public enum AudioMeterView {
    static let readoutWidth = 15
    static let clipWidth = 5
    static let minimumBar = 4

    public static func style(of zone: AudioMeter.Zone) -> TextStyle {
        switch zone {
        case .green: .online
        case .yellow: .warning
        case .red: .error
        }
    }

    /// Draws the meter in `width` columns from (row, column). Without a
    /// meter (none yet, or gone stale) it says there is no level; in little
    /// room it leaves out the figures.
    public static func draw(_ meter: AudioMeter?, label: String = "♪ ", row: Int, column: Int, width: Int,
                            into grid: inout ScreenGrid) {
        let limit = column + max(0, width)
        var x = grid.put(label, row: row, column: column, style: .dim, width: max(0, width))
        guard let meter else {
            // Said in words where they fit, else an empty bar.
            let text = limit - x >= 8 ? "no level" : String(repeating: "·", count: max(0, limit - x))
            grid.put(text, row: row, column: x, style: .dim, width: limit - x)
            return
        }
        let now = meter.updatedAt
        let held = meter.heldPeak(at: now)
        let room = limit - x
        let showsReadout = room - readoutWidth - clipWidth >= minimumBar
        let barWidth = showsReadout ? room - readoutWidth - clipWidth : room
        guard showsReadout else {
            // A bar alone still warns of clipping, with a "!" at its end.
            let clipping = meter.clipping(at: now) && barWidth > 1
            let width = clipping ? barWidth - 1 : barWidth
            if width > 0 { drawBar(meter.rmsDb, held: held, row: row, column: x, width: width, into: &grid) }
            if clipping { grid.put("!", row: row, column: x + width, style: .error) }
            return
        }
        drawBar(meter.rmsDb, held: held, row: row, column: x, width: barWidth, into: &grid)
        x += barWidth
        x = grid.put(String(format: "%6.1f", meter.rmsDb), row: row, column: x,
                     style: style(of: AudioMeter.zone(of: meter.rmsDb)))
        x = grid.put(" pk", row: row, column: x, style: .dim)
        x = grid.put(String(format: "%6.1f", held), row: row, column: x, style: style(of: AudioMeter.zone(of: held)))
        if meter.clipping(at: now) { grid.put(" CLIP", row: row, column: x, style: .error) }
    }

    /// The bar alone: cell i stands for the levels from
    /// floor + i·step, and is filled when the RMS level reaches past its middle.
    public static func drawBar(_ rmsDb: Double, held: Double, row: Int, column: Int, width: Int,
                               into grid: inout ScreenGrid) {
        guard width > 0 else { return }
        let span = -AudioMeter.floorDb
        let step = span / Double(width)
        let filled = Int(((rmsDb - AudioMeter.floorDb) / step).rounded())
        let peakCell = held > AudioMeter.floorDb ? min(width - 1, Int(((held - AudioMeter.floorDb) / step).rounded(.down))) : -1
        for i in 0..<width {
            let cellDb = AudioMeter.floorDb + Double(i) * step
            if i < filled {
                grid.put("█", row: row, column: column + i, style: style(of: AudioMeter.zone(of: cellDb)))
            } else if i == peakCell {
                grid.put("│", row: row, column: column + i, style: style(of: AudioMeter.zone(of: held)))
            } else {
                grid.put("·", row: row, column: column + i, style: .dim)
            }
        }
    }
}
