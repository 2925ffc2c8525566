/// Which sequence numbers are missing and when to NACK them again (RFC 4585 §6.2.1).
///
/// The first NACK for a hole waits `nackDelay`, or longer when the path reorders: an original
/// (not retransmitted) packet that fills a hole shows how late reordered packets come, and the
/// wait grows to the largest such delay seen lately (capped at `maxReorderWait`), so plain
/// reordering does not trigger retransmissions (libwebrtc's NACK module waits the same way,
/// by a reordering histogram).
struct NackTracker: Sendable {
    private struct Entry: Sendable {
        var markedAt: Instant
        var nextRequest: Instant
        var requests: Int
    }

    private var missing: [Int64: Entry] = [:]
    private(set) var highest: Int64?
    /// Recent reordering delays, newest last (at most `reorderSamples`).
    private var reorderDelays: [Duration] = []
    static let reorderSamples = 32

    var isEmpty: Bool { missing.isEmpty }

    /// How long a new hole waits before its first NACK.
    func firstNackDelay(configuration: JitterBufferConfiguration) -> Duration {
        let reorder = min(reorderDelays.max() ?? .zero, configuration.maxReorderWait)
        return max(configuration.nackDelay, reorder)
    }

    /// Records a received sequence number; a jump past `highest` marks the numbers in between missing.
    /// `isRetransmission` is false for a packet known to be an original (it then measures reordering),
    /// true for a known retransmission, nil when the stream cannot tell (no RTX).
    mutating func received(_ sequence: Int64, now: Instant, isRetransmission: Bool? = nil,
                           configuration: JitterBufferConfiguration) {
        if let entry = missing.removeValue(forKey: sequence), isRetransmission == false {
            reorderDelays.append(now - entry.markedAt)
            if reorderDelays.count > Self.reorderSamples { reorderDelays.removeFirst() }
        }
        guard let highest else {
            self.highest = sequence
            return
        }
        guard sequence > highest else { return }
        let gap = sequence - highest - 1
        if gap > 0, gap <= Int64(configuration.maxNackGap) {
            let first = now + firstNackDelay(configuration: configuration)
            for lost in (highest + 1)..<sequence {
                missing[lost] = Entry(markedAt: now, nextRequest: first, requests: 0)
            }
        }
        self.highest = sequence
    }

    /// Forgets everything below `floor` (delivered, given up, or not worth asking for).
    mutating func discard(below floor: Int64) {
        missing = missing.filter { $0.key >= floor }
    }

    /// The sequence numbers due for a NACK at `now`, oldest first; schedules their retries.
    mutating func due(now: Instant, configuration: JitterBufferConfiguration) -> [Int64] {
        var due: [Int64] = []
        for (sequence, entry) in missing where entry.nextRequest <= now && entry.requests < configuration.maxNackRetries {
            due.append(sequence)
            missing[sequence] = Entry(markedAt: entry.markedAt, nextRequest: now + configuration.nackRetryInterval,
                                      requests: entry.requests + 1)
        }
        return due.sorted()
    }

    /// When the next NACK falls due, if any.
    func nextDeadline(configuration: JitterBufferConfiguration) -> Instant? {
        missing.values.filter { $0.requests < configuration.maxNackRetries }.map(\.nextRequest).min()
    }
}
