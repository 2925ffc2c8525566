/// The agent's private bookkeeping types.
extension ICEAgent {
    /// One candidate pair of the checklist (RFC 8445 §6.1.2).
    struct Pair {
        var local: Int
        var remote: Int
        var priority: UInt64
        var foundation: String
        var state: ICEPairState = .frozen
        /// In the valid list (RFC 8445 §7.2.5.3.2).
        var isValid = false
        var nominated = false
        /// The controlled agent saw USE-CANDIDATE before its own check on this pair succeeded.
        var nominateOnSuccess = false
        /// The valid pair this pair's successful check produced (itself, or one with a prflx local).
        var validPair: Int?
        var roundTripTime: Duration?
        var requestsSent = 0
        var responsesReceived = 0
        var lastResponseAt: Instant?
        /// Left over from before an ICE restart: never checked again, kept only while selected.
        var retired = false
    }

    enum Purpose: Equatable {
        case check(pair: Int, nominating: Bool)
        case consent(pair: Int)
        case gather(Int)
    }

    /// An outstanding STUN request we sent, retransmitted until answered or timed out.
    struct Transaction {
        var id: STUNTransactionID
        var purpose: Purpose
        var bytes: [UInt8]
        var socket: ICESocketID
        var source: TransportAddress
        var destination: TransportAddress
        var roleAtSend: ICERole
        var firstSentAt: Instant
        var lastSentAt: Instant
        var transmissions = 1
        /// How many transmissions in all, and the RTO growth, by kind: connectivity checks use
        /// the agent's check timers, gathering requests RFC 8489 §6.2.1's (see `ICEAgentConfig`).
        var maxTransmissions: Int
        var rto: Duration
        var maxRTO: Duration?
        /// After the last transmission: wait this long, else the current RTO.
        var finalWait: Duration?
        /// When to retransmit, or (after the last transmission) give up.
        var deadline: Instant
    }

    /// A server-reflexive gathering request from one host candidate to one STUN server.
    struct Gathering {
        var local: Int
        var server: TransportAddress
        var state: GatheringState = .pending
    }

    enum GatheringState: Equatable { case pending, inProgress, done }

    struct TriggeredCheck: Equatable {
        var pair: Int
        var nominating: Bool
    }
}
