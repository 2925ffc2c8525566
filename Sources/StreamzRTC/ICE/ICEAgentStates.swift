/// Which side drives nomination (RFC 8445 §6.1.1): the offerer of a full-ICE session is controlling.
public enum ICERole: String, Hashable, Sendable {
    case controlling
    case controlled
}

/// The agent's overall state, as RTCIceConnectionState names it.
public enum ICEConnectionState: String, Hashable, Sendable {
    case new, checking, connected, completed, disconnected, failed, closed
}

/// Whether local candidate gathering is still running (RTCIceGatheringState).
public enum ICEGatheringState: String, Hashable, Sendable {
    case new, gathering, complete
}

public enum ICEPairState: String, Hashable, Sendable {
    case frozen, waiting, inProgress, succeeded, failed
}

/// A read-only view of a candidate pair, for the selected pair, stats and failure reports.
public struct ICEPairSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var local: ICECandidate
    public var localBase: TransportAddress
    public var socket: ICESocketID
    public var remote: ICECandidate
    public var remoteAddress: TransportAddress
    public var state: ICEPairState
    public var priority: UInt64
    public var isValid: Bool
    public var nominated: Bool
    /// The most recent round-trip time from a check or consent response on this pair.
    public var roundTripTime: Duration?
    public var requestsSent: Int
    public var responsesReceived: Int

    public var description: String {
        "\(local.type.rawValue) \(localBase) -> \(remote.type.rawValue) \(remoteAddress) \(state.rawValue)"
            + (nominated ? " nominated" : "")
    }
}
