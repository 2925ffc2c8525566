/// Tuning of `VP8JitterBuffer`; times are on the caller's clock.
public struct JitterBufferConfiguration: Sendable {
    /// How long delivery may stall on a missing packet before the frame is given up
    /// and a keyframe requested (covers a few NACK round trips).
    public var maxWait: Duration
    /// Wait this long after noticing a gap before the first NACK, so plain reordering is not NACKed.
    public var nackDelay: Duration
    /// When the path is seen to reorder (originals filling holes late), the first NACK waits up
    /// to this long instead, so reordering does not cost retransmissions.
    public var maxReorderWait: Duration
    /// Time between NACKs for the same sequence number (about one RTT).
    public var nackRetryInterval: Duration
    /// NACKs per sequence number before relying on the give-up path instead.
    public var maxNackRetries: Int
    /// A gap larger than this is not NACKed (a burst that large is better fixed by a keyframe).
    public var maxNackGap: Int
    /// Time between repeated PLIs while still waiting for a keyframe.
    public var pliInterval: Duration
    /// Packets held at most; the oldest are evicted beyond it.
    public var capacity: Int

    public init(
        maxWait: Duration = .milliseconds(500), nackDelay: Duration = .milliseconds(5),
        nackRetryInterval: Duration = .milliseconds(100), maxNackRetries: Int = 3, maxNackGap: Int = 256,
        pliInterval: Duration = .milliseconds(500), capacity: Int = 1024, maxReorderWait: Duration = .milliseconds(40)
    ) {
        self.maxWait = maxWait
        self.nackDelay = nackDelay
        self.nackRetryInterval = nackRetryInterval
        self.maxNackRetries = maxNackRetries
        self.maxNackGap = maxNackGap
        self.pliInterval = pliInterval
        self.capacity = capacity
        self.maxReorderWait = maxReorderWait
    }
}

/// Running totals of what the jitter buffer did, for session statistics.
public struct JitterBufferCounters: Equatable, Sendable {
    public var framesAssembled = 0
    /// Frames discarded: given up on after loss, or undecodable while waiting for a keyframe.
    public var framesDropped = 0
    /// Sequence numbers asked for in NACKs, retries included.
    public var nacksRequested = 0
    public var plisRequested = 0
    public var duplicatePackets = 0
    /// Packets that arrived after their frame was delivered or given up.
    public var latePackets = 0

    public init() {}
}

/// A complete VP8 frame, ready for the decoder.
public struct AssembledFrame: Equatable, Sendable {
    public var data: [UInt8]
    public var rtpTimestamp: UInt32
    public var isKeyframe: Bool
    /// The PictureID of the frame's first packet, when the sender sends one.
    public var pictureID: UInt16?
    public var firstSequenceNumber: UInt16
    public var lastSequenceNumber: UInt16
    /// When the packet that completed the frame arrived.
    public var completedAt: Instant
}

/// What the buffer asks the caller to send to the media sender.
public enum JitterBufferRequest: Equatable, Sendable {
    /// RFC 4585 §6.2.1 generic NACK for these sequence numbers (oldest first).
    case nack([UInt16])
    /// RFC 4585 §6.3.1 picture loss indication: send a keyframe.
    case pictureLossIndication
}

/// What became of one inserted packet.
public enum JitterBufferInsertOutcome: Equatable, Sendable {
    case stored
    case duplicate
    /// Its frame was already delivered or given up.
    case tooLate
    /// Padding only (RFC 3550 §5.1): it only fills its sequence number.
    case padding
    /// The VP8 payload descriptor was malformed; the packet is treated as lost.
    case malformed(VP8Error)
}
