/// Timers and limits of the agent. Defaults follow RFC 8445 and RFC 7675 where they give
/// numbers and libwebrtc's behaviour where they leave a choice.
public struct ICEAgentConfig: Sendable {
    /// Ta, the pacing of new checks and gathering requests (RFC 8445 §14.2: 50 ms for RTP).
    public var pacingInterval: Duration = .milliseconds(50)
    /// First retransmission timeout of a check or STUN request, doubled on each retransmission.
    public var initialRTO: Duration = .milliseconds(250)
    public var maxRTO: Duration = .seconds(3)
    /// Transmissions of one request before it times out (RFC 8489 §6.2.1 Rc = 7).
    public var maxTransmissions = 7
    /// How long the controlling agent waits after the first valid pair for a better one before
    /// nominating (regular nomination, RFC 8445 §8.1.1); it nominates at once when no
    /// higher-priority pair is still being checked.
    public var nominationDelay: Duration = .milliseconds(500)
    /// Gathering requests to STUN servers follow RFC 8489 §6.2.1 exactly: the first
    /// retransmission after this RTO, then doubling without a cap (0, 0.5, 1.5, 3.5, 7.5,
    /// 15.5, 31.5 s with the defaults)...
    public var gatheringInitialRTO: Duration = .milliseconds(500)
    /// ...Rc transmissions in all...
    public var gatheringMaxTransmissions = 7
    /// ...and after the last one Rm × the initial RTO (8 s) without an answer fails the
    /// request (39.5 s in all). Connectivity checks never wait for gathering, so a dead
    /// server only delays the `complete` gathering state.
    public var gatheringFinalWaitFactor = 16
    /// RFC 7675 §5.1: a consent check every 5 s, randomized to 0.8-1.2 of that.
    public var consentInterval: Duration = .seconds(5)
    /// Without any response on the selected pair for this long the state is `disconnected`.
    public var disconnectedTimeout: Duration = .seconds(10)
    /// RFC 7675 §5.1: consent expires 30 s after the last response; the state is then `failed`.
    public var consentTimeout: Duration = .seconds(30)
    /// Without end-of-candidates, failure is declared only after every pair has failed and no
    /// new remote candidate arrived for this long (more may still trickle in).
    public var trickleGrace: Duration = .seconds(10)
    /// RFC 8445 §6.1.2.5: a limit on the checklist size.
    public var maxPairs = 100
    /// SOFTWARE in our requests (RFC 8489 §14.14); nil to omit.
    public var software: String? = "streamz"

    public init() {}
}
