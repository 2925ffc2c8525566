import Foundation

/// One session's audio level as a meter shows it: the latest RMS level and
/// peak in dBFS, and a peak hold that stays put for `holdSeconds` and then
/// falls at `decayDbPerSecond` (the ballistics of a broadcast PPM's peak
/// indicator, simplified), so a short peak is still readable. A clip marker
/// stays lit for `clipHoldSeconds` after a peak at or above `clipDb`.
public struct AudioMeter: Equatable, Sendable {
    /// Where the meter's scale starts; quieter levels show an empty bar.
    public static let floorDb = -60.0
    /// Colour zones: green below −18 dBFS, yellow below −6, red from −6 up.
    public static let yellowDb = -18.0
    public static let redDb = -6.0
    /// A sample this close to full scale is taken as clipping (inter-sample
    /// peaks and lossy coding push such a signal over 0 dBFS).
    public static let clipDb = -0.5
    public static let holdSeconds = 1.5
    public static let decayDbPerSecond = 20.0
    public static let clipHoldSeconds = 3.0
    /// A meter with no new level for this long is shown as having none.
    public static let staleSeconds = 3.0

    public enum Zone: Equatable, Sendable {
        case green, yellow, red
    }

    public private(set) var rmsDb: Double
    public private(set) var peakDb: Double
    /// The held peak when it was set, and when.
    public private(set) var holdDb: Double
    public private(set) var heldAt: Date
    public private(set) var lastClipAt: Date?
    public private(set) var updatedAt: Date

    public init(rmsDb: Double, peakDb: Double, at: Date) {
        self.rmsDb = Self.sanitize(rmsDb)
        self.peakDb = max(Self.sanitize(peakDb), self.rmsDb)
        holdDb = self.peakDb
        heldAt = at
        lastClipAt = self.peakDb >= Self.clipDb ? at : nil
        updatedAt = at
    }

    /// A new measurement. A peak above the (decayed) hold replaces it.
    public mutating func update(rmsDb newRms: Double, peakDb newPeak: Double, at now: Date) {
        rmsDb = Self.sanitize(newRms)
        peakDb = max(Self.sanitize(newPeak), rmsDb)
        if peakDb >= heldPeak(at: now) {
            holdDb = peakDb
            heldAt = now
        }
        if peakDb >= Self.clipDb { lastClipAt = now }
        updatedAt = max(updatedAt, now)
    }

    /// The peak hold's value at `now`: held, then decaying, never below the floor.
    public func heldPeak(at now: Date) -> Double {
        let falling = now.timeIntervalSince(heldAt) - Self.holdSeconds
        guard falling > 0 else { return holdDb }
        return max(Self.floorDb, holdDb - falling * Self.decayDbPerSecond)
    }

    public func clipping(at now: Date) -> Bool {
        guard let lastClipAt else { return false }
        return now.timeIntervalSince(lastClipAt) <= Self.clipHoldSeconds
    }

    public static func zone(of db: Double) -> Zone {
        if db >= redDb { return .red }
        if db >= yellowDb { return .yellow }
        return .green
    }

    /// Silence is −∞ dBFS and a broken source may send NaN: both read as the
    /// floor; nothing reads above full scale.
    static func sanitize(_ db: Double) -> Double {
        guard !db.isNaN else { return floorDb }
        return min(0, max(floorDb, db))
    }
}
