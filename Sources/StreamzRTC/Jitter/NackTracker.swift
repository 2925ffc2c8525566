/// Which sequence numbers are missing and when to NACK them again (RFC 4585 §6.2.1).
struct NackTracker: Sendable {
    private struct Entry: Sendable {
        var nextRequest: Instant
        var requests: Int
    }

    private var missing: [Int64: Entry] = [:]
    private(set) var highest: Int64?

    var isEmpty: Bool { missing.isEmpty }

    /// Records a received sequence number; a jump past `highest` marks the numbers in between missing.
    mutating func received(_ sequence: Int64, now: Instant, configuration: JitterBufferConfiguration) {
        missing[sequence] = nil
        guard let highest else {
            self.highest = sequence
            return
        }
        guard sequence > highest else { return }
        let gap = sequence - highest - 1
        if gap > 0, gap <= Int64(configuration.maxNackGap) {
            for lost in (highest + 1)..<sequence {
                missing[lost] = Entry(nextRequest: now + configuration.nackDelay, requests: 0)
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
            missing[sequence] = Entry(nextRequest: now + configuration.nackRetryInterval, requests: entry.requests + 1)
        }
        return due.sorted()
    }

    /// When the next NACK falls due, if any.
    func nextDeadline(configuration: JitterBufferConfiguration) -> Instant? {
        missing.values.filter { $0.requests < configuration.maxNackRetries }.map(\.nextRequest).min()
    }
}
