/// Forming, ordering and resetting the checklist (RFC 8445 §6.1.2).
extension ICEAgent {
    func skipReason(for candidate: ICECandidate) -> ICECandidateSkipReason? {
        if state == .closed { return .agentClosed }
        // mDNS names need a resolver, which lives in the runtime, not here.
        if candidate.address == nil { return .unresolvedHostname }
        if candidate.transport != .udp { return .unsupportedTransport }
        if candidate.component != 1 { return .unsupportedComponent }
        if let ufrag = candidate.ufrag, let remote = remoteCredentials, ufrag != remote.ufrag { return .otherGeneration }
        return nil
    }

    /// RFC 8445 §6.1.2.4: a server-reflexive local candidate is replaced by its base, which
    /// makes its pairs duplicates of the host's; so only host and relay candidates (and
    /// peer-reflexive ones, which enter as valid pairs) are paired.
    func isPairable(_ local: Int) -> Bool {
        let type = localCandidates[local].candidate.type
        return type == .host || type == .relay
    }

    func currentRemoteIndex(for address: TransportAddress?) -> Int? {
        guard let address else { return nil }
        return remotes.indices.first { remoteGenerations[$0] == generation && remotes[$0].address == address }
    }

    mutating func appendRemote(_ candidate: ICECandidate) -> Int {
        remotes.append(candidate)
        remoteGenerations.append(generation)
        return remotes.count - 1
    }

    func pairIndex(local: Int, remote: Int) -> Int? {
        pairs.indices.first { !pairs[$0].retired && pairs[$0].local == local && pairs[$0].remote == remote }
    }

    /// RFC 8445 §6.1.2.3 with G the controlling agent's candidate.
    func pairPriority(local: Int, remote: Int) -> UInt64 {
        let localPriority = localCandidates[local].candidate.priority
        let remotePriority = remotes[remote].priority
        return role == .controlling
            ? iceCandidatePairPriority(controlling: localPriority, controlled: remotePriority)
            : iceCandidatePairPriority(controlling: remotePriority, controlled: localPriority)
    }

    /// Pairs a local and remote candidate of the same address family; false when not paired.
    @discardableResult
    mutating func formPair(local: Int, remote: Int, state: ICEPairState = .frozen) -> Bool {
        guard let remoteAddress = remotes[remote].address,
              localCandidates[local].base.ip.isIPv4 == remoteAddress.ip.isIPv4,
              pairIndex(local: local, remote: remote) == nil
        else { return false }
        guard pairs.count(where: { !$0.retired }) < config.maxPairs else { return false }
        let foundation = localCandidates[local].candidate.foundation + ":" + remotes[remote].foundation
        pairs.append(Pair(local: local, remote: remote, priority: pairPriority(local: local, remote: remote),
                          foundation: foundation, state: state))
        return true
    }

    /// After a role switch or a candidate's priority change, pair priorities change too.
    mutating func recomputePriorities() {
        for index in pairs.indices {
            pairs[index].priority = pairPriority(local: pairs[index].local, remote: pairs[index].remote)
        }
    }

    /// Index of the highest-priority pair satisfying `predicate` (ties: the older pair).
    func bestPair(where predicate: (Pair) -> Bool) -> Int? {
        var best: Int?
        for index in pairs.indices where !pairs[index].retired && predicate(pairs[index]) {
            if let current = best, pairs[current].priority >= pairs[index].priority { continue }
            best = index
        }
        return best
    }

    /// An ICE restart (RFC 8445 §9): a new generation of remote candidates and pairs. The old
    /// pairs are retired; the selected one keeps carrying media until a new pair is selected.
    mutating func resetChecklist() {
        generation += 1
        for index in pairs.indices { pairs[index].retired = true }
        transactions.removeAll { if case .gather = $0.purpose { false } else { true } }
        triggered.removeAll()
        remoteEndOfCandidates = false
        firstValidAt = nil
        nextConsentAt = nil
        lastCandidateChangeAt = now
        if consentLost {
            // The old path is dead: nothing to keep using while the restart runs.
            consentLost = false
            selected = nil
        }
        if state != .closed && state != .new { setState(.checking) }
    }

    // MARK: - Gathering (RFC 8445 §5.1.1.2)

    mutating func addGathering(local: Int, server: TransportAddress) {
        guard localCandidates[local].base.ip.isIPv4 == server.ip.isIPv4,
              !gatherings.contains(where: { $0.local == local && $0.server == server })
        else { return }
        gatherings.append(Gathering(local: local, server: server))
    }

    mutating func updateGatheringState() {
        let newState: ICEGatheringState
        if localCandidates.isEmpty {
            newState = .new
        } else if gatherings.contains(where: { $0.state != .done }) {
            newState = .gathering
        } else {
            newState = .complete
        }
        guard newState != gatheringState else { return }
        // Report "gathering" before "complete" so the caller always sees the start.
        if gatheringState == .new, newState == .complete { emit(.gatheringStateChanged(.gathering)) }
        gatheringState = newState
        emit(.gatheringStateChanged(newState))
    }

    /// A Binding response from a STUN server: a new server-reflexive candidate unless the
    /// mapped address is the base itself (no NAT) or already known.
    mutating func completeGathering(_ index: Int, mapped: TransportAddress?) {
        gatherings[index].state = .done
        defer { updateGatheringState() }
        guard let mapped else { return }
        let host = localCandidates[gatherings[index].local]
        guard mapped != host.base, !localCandidates.contains(where: { $0.candidate.address == mapped }) else { return }
        let localPreference = UInt16((host.candidate.priority >> 8) & 0xFFFF)
        let candidate = ICECandidate(
            foundation: ICECandidate.foundation(type: .serverReflexive, baseIP: host.base.ip, server: gatherings[index].server),
            priority: ICECandidate.priority(type: .serverReflexive, localPreference: localPreference),
            host: .ip(mapped.ip), port: mapped.port, type: .serverReflexive,
            relatedHost: .ip(host.base.ip), relatedPort: host.base.port, ufrag: localCredentials.ufrag)
        localCandidates.append(ICELocalCandidate(candidate: candidate, base: host.base, socket: host.socket))
        emit(.localCandidate(candidate))
    }
}
