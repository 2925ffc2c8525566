/// Puts received Opus packets back in sequence order for decoding (RFC 7587 has no
/// payload header, so order and loss come from RTP sequence numbers alone). In-order
/// packets leave at once; a hole is waited for at most `delay` (a reordered or NACKed
/// packet may still come), then reported lost so the decoder conceals it, using the
/// next packet's in-band FEC when that packet is the one right after the hole.
struct AudioPlayoutBuffer: Sendable {
    struct Entry: Equatable, Sendable {
        var payload: [UInt8]
        var timestamp: UInt32
        var arrival: Instant
        var level: AudioLevelExtension?
    }

    enum Output: Equatable, Sendable {
        case packet(Entry)
        /// One packet of `samples` per channel, due at `timestamp`, is missing; `next` (the packet
        /// right after it) may carry its FEC.
        case lost(samples: Int, timestamp: UInt32, next: Entry?)
    }

    let delay: Duration
    /// Concealing more than this many packets (100 ms) is pointless: the gap is skipped instead.
    static let maxConcealed = 5
    /// A hole this large is a restart of the sender's numbering, not loss.
    static let resyncGap: Int64 = 1000

    private var unwrapper = SequenceNumberUnwrapper()
    private var held: [Int64: Entry] = [:]
    private var next: Int64?
    private var lastTimestamp: UInt32?
    private(set) var latePackets = 0
    private(set) var duplicatePackets = 0

    init(delay: Duration) { self.delay = delay }

    enum InsertOutcome: Equatable, Sendable { case held, duplicate, late }

    /// Holds a packet unless it is a duplicate or came after its turn.
    @discardableResult
    mutating func insert(sequenceNumber: UInt16, entry: Entry) -> InsertOutcome {
        let sequence = unwrapper.unwrap(sequenceNumber)
        if let next, sequence < next, next - sequence < Self.resyncGap {
            latePackets += 1
            return .late
        }
        guard held[sequence] == nil else {
            duplicatePackets += 1
            return .duplicate
        }
        held[sequence] = entry
        return .held
    }

    /// What can be played at `now`, in order.
    mutating func pop(now: Instant) -> [Output] {
        var outputs: [Output] = []
        while let oldest = held.keys.min() {
            let expected = next ?? oldest
            if let entry = held.removeValue(forKey: expected) {
                outputs.append(.packet(entry))
                lastTimestamp = entry.timestamp
                next = expected + 1
                continue
            }
            let gap = oldest - expected
            if gap < 0 || gap >= Self.resyncGap {
                // Behind the playout point by a restart's distance: start over from it.
                next = oldest
                continue
            }
            guard let waiting = held[oldest], now >= waiting.arrival + delay else { break }
            let samples = Self.samplesPerPacket(from: lastTimestamp, to: waiting.timestamp, packets: gap + 1)
            let concealed = min(gap, Int64(Self.maxConcealed))
            for index in 0..<concealed {
                // Counted back from the packet after the hole, so the last lost one sits right before it.
                let timestamp = waiting.timestamp &- UInt32(truncatingIfNeeded: samples * Int(concealed - index))
                outputs.append(.lost(samples: samples, timestamp: timestamp,
                                     next: index == concealed - 1 && concealed == gap ? waiting : nil))
            }
            next = oldest
        }
        return outputs
    }

    /// When a hole stops being waited for; nil when nothing waits.
    var nextTimeout: Instant? {
        guard let oldest = held.keys.min(), let entry = held[oldest] else { return nil }
        if let next, oldest == next { return nil }
        return entry.arrival + delay
    }

    /// The packet duration the timestamps imply, 20 ms when they do not say (RFC 7587 §4.2).
    private static func samplesPerPacket(from last: UInt32?, to timestamp: UInt32, packets: Int64) -> Int {
        guard let last, packets > 0 else { return OpusEncoder.frameSamples }
        let perPacket = Int64(timestamp &- last) / packets
        return (120...5760).contains(perPacket) ? Int(perPacket) : OpusEncoder.frameSamples
    }
}
