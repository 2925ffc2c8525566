/// Reorders VP8 RTP packets of one SSRC, assembles complete frames and decides
/// when to ask for retransmissions (NACK) or a new keyframe (PLI). Sans-IO: the
/// caller feeds packets and the time, then polls for frames and requests.
///
/// A frame is complete when its packets run without a hole from a partition head
/// (S = 1, PID = 0, RFC 7741 §4.1) to the packet with the marker bit, all with one
/// RTP timestamp. Frames leave in sequence order; a delta frame leaves only when it
/// directly follows the previous frame, because VP8 delta frames need their
/// references. After a give-up nothing but a keyframe is delivered.
public struct VP8JitterBuffer: Sendable {
    private struct Slot: Sendable {
        var payload: [UInt8]
        var marker: Bool
        var timestamp: UInt32
        var sequenceNumber: UInt16
        var arrival: Instant
        var isHead: Bool
        var isKeyframe: Bool
        var pictureID: UInt16?
        /// Padding-only packets hold a sequence number but no media.
        var isPadding: Bool
    }

    public let configuration: JitterBufferConfiguration
    public private(set) var counters = JitterBufferCounters()

    private var unwrapper = SequenceNumberUnwrapper()
    private var slots: [Int64: Slot] = [:]
    /// The first sequence number not yet delivered or discarded; nil until the first keyframe.
    private var floor: Int64?
    /// Only a keyframe can be delivered (at start and after loss).
    public private(set) var waitingForKeyframe = true
    /// Since when delivery has been blocked on a missing packet.
    private var stalledSince: Instant?
    /// A keyframe is needed: PLIs go out every `pliInterval` until one arrives.
    private var keyframeNeeded = false
    private var lastPLI: Instant?
    private var nacks = NackTracker()
    private var ready: [AssembledFrame] = []
    /// Timestamps of recently dropped frames, so a frame whose packets are discarded
    /// in several steps (some before a give-up, stragglers after) counts once.
    private var recentlyDropped: [UInt32] = []
    private let depacketizer = VP8Depacketizer()

    public init(configuration: JitterBufferConfiguration = JitterBufferConfiguration()) {
        self.configuration = configuration
    }

    /// Packets held, for tests and statistics.
    public var bufferedPackets: Int { slots.count }

    /// Adds a received packet (already SRTP-decrypted) at `now`.
    @discardableResult
    /// `isRetransmission`: false for a packet known to be an original, true for a known
    /// retransmission (RFC 4588 RTX), nil when the stream cannot tell; originals that fill a
    /// hole teach the NACK timer how much the path reorders.
    public mutating func insert(_ packet: RTPPacket, now: Instant, isRetransmission: Bool? = nil) -> JitterBufferInsertOutcome {
        let sequence = unwrapper.unwrap(packet.header.sequenceNumber)
        if let floor, sequence < floor {
            counters.latePackets += 1
            return .tooLate
        }
        if slots[sequence] != nil {
            counters.duplicatePackets += 1
            return .duplicate
        }
        var slot = Slot(
            payload: [], marker: packet.header.marker, timestamp: packet.header.timestamp,
            sequenceNumber: packet.header.sequenceNumber, arrival: now, isHead: false, isKeyframe: false,
            pictureID: nil, isPadding: packet.payload.isEmpty)
        let outcome: JitterBufferInsertOutcome
        if slot.isPadding {
            outcome = .padding
        } else {
            do {
                let (descriptor, data) = try depacketizer.unmarshalWithDescriptor(packet.payload)
                slot.payload = data
                slot.isHead = descriptor.isFirstPacketOfFrame
                slot.pictureID = descriptor.pictureID
                slot.isKeyframe = slot.isHead && ((try? VP8FrameHeader.isKeyframe(payload: packet.payload)) ?? false)
                outcome = .stored
            } catch {
                // Leave the hole: a retransmission may repair it, the give-up path otherwise.
                return .malformed(error)
            }
        }
        nacks.received(sequence, now: now, isRetransmission: isRetransmission, configuration: configuration)
        slots[sequence] = slot
        evictBeyondCapacity()
        assemble(now: now)
        return outcome
    }

    /// The next complete frame, oldest first.
    public mutating func popFrame() -> AssembledFrame? {
        ready.isEmpty ? nil : ready.removeFirst()
    }

    /// Runs the timers at `now`: gives up on a stalled frame, and returns the NACKs
    /// and PLIs to send now.
    public mutating func poll(now: Instant) -> [JitterBufferRequest] {
        if let stalledSince, now >= stalledSince + configuration.maxWait {
            giveUp(now: now)
        }
        var requests: [JitterBufferRequest] = []
        nacks.discard(below: nackFloor)
        let due = nacks.due(now: now, configuration: configuration)
        if !due.isEmpty {
            counters.nacksRequested += due.count
            requests.append(.nack(due.map { UInt16(truncatingIfNeeded: $0) }))
        }
        if keyframeNeeded, lastPLI.map({ now >= $0 + configuration.pliInterval }) ?? true {
            lastPLI = now
            counters.plisRequested += 1
            requests.append(.pictureLossIndication)
        }
        return requests
    }

    /// When `poll` next has something to do; nil when only a new packet can change anything.
    public var nextTimeout: Instant? {
        var deadlines: [Instant] = []
        if let stalledSince { deadlines.append(stalledSince + configuration.maxWait) }
        if let nack = nacks.nextDeadline(configuration: configuration) { deadlines.append(nack) }
        if keyframeNeeded { deadlines.append(lastPLI.map { $0 + configuration.pliInterval } ?? .zero) }
        return deadlines.min()
    }

    // MARK: - Assembly

    /// Gaps at or after this are worth a NACK: after the last delivered or discarded
    /// packet, or, while waiting for a keyframe whose head has arrived, inside it.
    private var nackFloor: Int64 {
        if waitingForKeyframe, let keyframe = earliestKeyframeHead { return keyframe }
        return floor ?? .min
    }

    private var earliestKeyframeHead: Int64? {
        slots.filter { $0.value.isKeyframe }.keys.min()
    }

    private mutating func assemble(now: Instant) {
        while true {
            if !waitingForKeyframe, var next = floor {
                // Padding between frames only fills sequence numbers.
                while slots[next]?.isPadding == true {
                    slots[next] = nil
                    next += 1
                }
                floor = next
                guard let end = completeFrameEnd(startingAt: next) else { break }
                deliver(from: next, through: end)
                continue
            }
            guard deliverEarliestKeyframe() else { break }
        }
        if waitingForKeyframe {
            discardUndecodableFrames()
            // Only a keyframe that has started arriving can stall; otherwise PLIs drive recovery.
            stalledSince = earliestKeyframeHead == nil ? nil : (stalledSince ?? now)
        } else if slots.isEmpty {
            stalledSince = nil
        } else if stalledSince == nil {
            stalledSince = now
        }
    }

    /// The last sequence number of a complete frame whose head is at `start`.
    private func completeFrameEnd(startingAt start: Int64) -> Int64? {
        guard let head = slots[start], head.isHead, !head.isPadding else { return nil }
        var sequence = start
        while let slot = slots[sequence], !slot.isPadding, slot.timestamp == head.timestamp {
            if depacketizer.isPartitionTail(marker: slot.marker, payload: slot.payload) {
                return sequence
            }
            sequence += 1
        }
        return nil
    }

    private mutating func deliver(from start: Int64, through end: Int64) {
        guard let head = slots[start], let tail = slots[end] else { return }
        var data: [UInt8] = []
        var completedAt = head.arrival
        for sequence in start...end {
            if let slot = slots.removeValue(forKey: sequence) {
                data += slot.payload
                completedAt = max(completedAt, slot.arrival)
            }
        }
        ready.append(AssembledFrame(
            data: data, rtpTimestamp: head.timestamp, isKeyframe: head.isKeyframe, pictureID: head.pictureID,
            firstSequenceNumber: head.sequenceNumber, lastSequenceNumber: tail.sequenceNumber, completedAt: completedAt))
        counters.framesAssembled += 1
        floor = end + 1
        stalledSince = nil
    }

    /// Delivers the oldest complete keyframe, discarding everything before it.
    private mutating func deliverEarliestKeyframe() -> Bool {
        let heads = slots.filter { $0.value.isKeyframe }.keys.sorted()
        for start in heads {
            guard let end = completeFrameEnd(startingAt: start) else { continue }
            discard(below: start)
            deliver(from: start, through: end)
            waitingForKeyframe = false
            keyframeNeeded = false
            return true
        }
        return false
    }

    /// While waiting for a keyframe, complete delta frames can never be decoded:
    /// drop them and keep asking for a keyframe.
    private mutating func discardUndecodableFrames() {
        let firstKeyframe = earliestKeyframeHead
        let deltaHeads = slots.filter { $0.value.isHead && !$0.value.isKeyframe }.keys.sorted()
        for start in deltaHeads {
            if let firstKeyframe, start > firstKeyframe { break }
            guard let end = completeFrameEnd(startingAt: start) else { continue }
            discard(below: end + 1)
            keyframeNeeded = true
        }
    }

    // MARK: - Loss

    /// Stops waiting for the stalled frame: drops what cannot be decoded any more
    /// and asks for a keyframe.
    private mutating func giveUp(now: Instant) {
        // The stalled frame: the next one after the floor, or the incomplete keyframe being waited for.
        let stalledStart = waitingForKeyframe ? (earliestKeyframeHead ?? floor ?? .min) : (floor ?? .min)
        let nextKeyframe = slots.filter { $0.value.isKeyframe && $0.key > stalledStart }.keys.min()
        let droppedBefore = counters.framesDropped
        discard(below: nextKeyframe ?? ((slots.keys.max() ?? floor ?? 0) + 1))
        // The stalled frame itself counts even when none of its packets arrived.
        if counters.framesDropped == droppedBefore { counters.framesDropped += 1 }
        waitingForKeyframe = true
        stalledSince = nil
        keyframeNeeded = true
        assemble(now: now)
    }

    /// Removes every packet below `limit`, counting the frames (distinct timestamps) they held.
    private mutating func discard(below limit: Int64) {
        let doomed = slots.filter { $0.key < limit }
        let frames = Set(doomed.values.filter { !$0.isPadding }.map(\.timestamp))
        for timestamp in frames.sorted() where !recentlyDropped.contains(timestamp) {
            counters.framesDropped += 1
            recentlyDropped.append(timestamp)
        }
        if recentlyDropped.count > 64 { recentlyDropped.removeFirst(recentlyDropped.count - 64) }
        for sequence in doomed.keys {
            slots[sequence] = nil
        }
        floor = max(floor ?? limit, limit)
    }

    /// Keeps memory bounded when a sender floods or a stall lasts: the oldest packets go first.
    private mutating func evictBeyondCapacity() {
        guard slots.count > configuration.capacity else { return }
        let ordered = slots.keys.sorted()
        discard(below: ordered[slots.count - configuration.capacity])
        // The evicted frames broke the reference chain.
        waitingForKeyframe = true
        keyframeNeeded = true
    }
}
