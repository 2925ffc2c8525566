/// Why a remote candidate was not used.
public enum ICECandidateSkipReason: String, Hashable, Sendable {
    /// An mDNS (`.local`) or other hostname: the runtime must resolve it and add it again as an IP.
    case unresolvedHostname
    /// TCP candidates (RFC 6544) are parsed but this agent checks UDP only.
    case unsupportedTransport
    /// Only component 1 exists with rtcp-mux and BUNDLE.
    case unsupportedComponent
    /// Its ufrag belongs to another ICE generation (before or after a restart).
    case otherGeneration
    /// No local candidate of the same address family.
    case noMatchingLocalCandidate
    case duplicate
    case agentClosed
}

/// Why an incoming datagram was not acted on; counted in `ICEAgent.dropCounts`.
public enum ICEDropReason: String, Hashable, Sendable {
    case malformed
    case badFingerprint
    case missingIntegrity
    case missingUsername
    case wrongUsername
    case badIntegrity
    case missingPriority
    case unknownLocalAddress
    case unknownTransaction
    case unexpectedMessage
    /// A request after consent expired (RFC 7675): the agent stays silent until restarted.
    case consentExpired
    case agentClosed
}
