import Synchronization

/// Counters the REST side keeps for `/metrics`; the hub's live numbers come
/// from its own `HubCounters`.
public final class ServerMetrics: Sendable {
    private let authFailures = Atomic<Int>(0)

    public init() {}

    /// Every 401 answered (bad credentials, bad or expired token, refused refresh).
    func recordAuthFailure() { authFailures.add(1, ordering: .relaxed) }

    var authFailureCount: Int { authFailures.load(ordering: .relaxed) }
}
