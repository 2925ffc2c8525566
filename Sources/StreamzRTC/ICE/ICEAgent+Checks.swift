/// Sending connectivity checks: pacing, triggered checks, retransmission and nomination
/// (RFC 8445 §6.1.4, §7.2.4, §8.1).
extension ICEAgent {
    /// True when a nominated pair of the current generation exists: ordinary checks stop then.
    var hasNominatedPair: Bool { pairs.contains { !$0.retired && $0.nominated } }

    /// The next ordinary check (RFC 8445 §6.1.4.2): the best Waiting pair, else the best Frozen
    /// pair whose foundation has no pair Waiting or In-Progress (which unfreezes it).
    func nextOrdinaryCheck() -> Int? {
        guard remoteCredentials != nil, !hasNominatedPair else { return nil }
        if let waiting = bestPair(where: { $0.state == .waiting }) { return waiting }
        let busy = Set(pairs.filter { !$0.retired && ($0.state == .waiting || $0.state == .inProgress) }.map(\.foundation))
        return bestPair { $0.state == .frozen && !busy.contains($0.foundation) }
    }

    var hasPacedWork: Bool {
        (remoteCredentials != nil && !triggered.isEmpty)
            || gatherings.contains { $0.state == .pending }
            || nextOrdinaryCheck() != nil
    }

    /// One paced transmission per Ta: a triggered check first, then gathering, then an ordinary check.
    mutating func runPacer() {
        guard hasPacedWork else { return }
        if let last = lastPacedAt, now < last + config.pacingInterval { return }
        if remoteCredentials != nil, !triggered.isEmpty {
            let check = triggered.removeFirst()
            sendCheck(pair: check.pair, nominating: check.nominating)
        } else if let index = gatherings.firstIndex(where: { $0.state == .pending }) {
            sendGatheringRequest(index)
        } else if let pair = nextOrdinaryCheck() {
            sendCheck(pair: pair, nominating: false)
        }
        lastPacedAt = now
    }

    /// Queues a triggered check (RFC 8445 §7.3.1.4) unless one for the pair is already queued.
    mutating func trigger(_ pair: Int, nominating: Bool = false) {
        if let index = triggered.firstIndex(where: { $0.pair == pair }) {
            triggered[index].nominating = triggered[index].nominating || nominating
        } else {
            triggered.append(TriggeredCheck(pair: pair, nominating: nominating))
        }
        if pairs[pair].state != .inProgress && pairs[pair].state != .succeeded { pairs[pair].state = .waiting }
    }

    /// RFC 8445 §7.1.1: PRIORITY is what a peer-reflexive candidate learned from this check
    /// would get: our candidate's priority with the prflx type preference.
    func prflxPriority(for local: Int) -> UInt32 {
        (ICECandidateType.peerReflexive.typePreference << 24) | (localCandidates[local].candidate.priority & 0x00FF_FFFF)
    }

    /// A Binding request on a pair (RFC 8445 §7.2.4), authenticated with the remote password.
    mutating func sendCheck(pair index: Int, nominating: Bool, consent: Bool = false) {
        guard let remoteCredentials, let destination = remotes[pairs[index].remote].address else { return }
        let local = localCandidates[pairs[index].local]
        var attributes: [STUNAttribute] = [.username("\(remoteCredentials.ufrag):\(localCredentials.ufrag)")]
        if let software = config.software { attributes.append(.software(software)) }
        attributes.append(.priority(prflxPriority(for: pairs[index].local)))
        attributes.append(role == .controlling ? .iceControlling(tieBreaker) : .iceControlled(tieBreaker))
        if nominating { attributes.append(.useCandidate) }
        let id = STUNTransactionID(using: &random)
        let bytes = STUNMessage(type: .bindingRequest, transactionID: id, attributes: attributes)
            .encoded(integrityKey: STUNCrypto.shortTermKey(password: remoteCredentials.password), fingerprint: true)
        // A new check on the pair supersedes older ones: they stop retransmitting but a late
        // response to them is still accepted.
        for tx in transactions.indices where transactions[tx].purpose == .check(pair: index, nominating: false)
            || transactions[tx].purpose == .check(pair: index, nominating: true) {
            transactions[tx].transmissions = transactions[tx].maxTransmissions
        }
        let purpose: Purpose = consent ? .consent(pair: index) : .check(pair: index, nominating: nominating)
        startTransaction(id: id, purpose: purpose, bytes: bytes, socket: local.socket, source: local.base, destination: destination)
        pairs[index].requestsSent += 1
        if !consent, pairs[index].state != .succeeded { pairs[index].state = .inProgress }
    }

    /// A plain Binding request to a STUN server (RFC 8489 §6.1; no credentials).
    mutating func sendGatheringRequest(_ index: Int) {
        let local = localCandidates[gatherings[index].local]
        let id = STUNTransactionID(using: &random)
        var attributes: [STUNAttribute] = []
        if let software = config.software { attributes.append(.software(software)) }
        let bytes = STUNMessage(type: .bindingRequest, transactionID: id, attributes: attributes).encoded(fingerprint: true)
        startTransaction(id: id, purpose: .gather(index), bytes: bytes, socket: local.socket, source: local.base,
                         destination: gatherings[index].server)
        gatherings[index].state = .inProgress
    }

    mutating func startTransaction(
        id: STUNTransactionID, purpose: Purpose, bytes: [UInt8], socket: ICESocketID,
        source: TransportAddress, destination: TransportAddress
    ) {
        let isGathering = if case .gather = purpose { true } else { false }
        let rto = isGathering ? config.gatheringInitialRTO : config.initialRTO
        transactions.append(Transaction(
            id: id, purpose: purpose, bytes: bytes, socket: socket, source: source, destination: destination,
            roleAtSend: role, firstSentAt: now, lastSentAt: now,
            maxTransmissions: isGathering ? config.gatheringMaxTransmissions : config.maxTransmissions,
            rto: rto, maxRTO: isGathering ? nil : config.maxRTO,
            finalWait: isGathering ? config.gatheringInitialRTO * config.gatheringFinalWaitFactor : nil,
            deadline: now + rto))
        transmit(socket: socket, source: source, destination: destination, bytes: bytes)
    }

    /// RFC 8489 §6.2.1: retransmit with a doubling RTO; after the last transmission wait one
    /// more RTO (checks) or Rm × the initial RTO (gathering), then the transaction has failed.
    mutating func runTransactionTimers() {
        var expired: [Transaction] = []
        var index = 0
        while index < transactions.count {
            guard transactions[index].deadline <= now else { index += 1; continue }
            if transactions[index].transmissions < transactions[index].maxTransmissions {
                transactions[index].transmissions += 1
                transactions[index].lastSentAt = now
                let doubled = transactions[index].rto * 2
                let rto = transactions[index].maxRTO.map { min(doubled, $0) } ?? doubled
                transactions[index].rto = rto
                let isLast = transactions[index].transmissions == transactions[index].maxTransmissions
                transactions[index].deadline = now + (isLast ? transactions[index].finalWait ?? rto : rto)
                let tx = transactions[index]
                transmit(socket: tx.socket, source: tx.source, destination: tx.destination, bytes: tx.bytes)
                index += 1
            } else {
                expired.append(transactions.remove(at: index))
            }
        }
        for tx in expired { transactionTimedOut(tx) }
    }

    mutating func transactionTimedOut(_ tx: Transaction) {
        switch tx.purpose {
        case let .check(pair, nominating):
            // Only the last live check on a pair decides its failure.
            let stillChecking = transactions.contains {
                $0.purpose == .check(pair: pair, nominating: false) || $0.purpose == .check(pair: pair, nominating: true)
            }
            guard !stillChecking, !pairs[pair].retired else { return }
            if pairs[pair].state == .inProgress { pairs[pair].state = .failed }
            if nominating {
                // A nomination nobody answered: that pair is no longer usable.
                pairs[pair].isValid = false
                pairs[pair].state = .failed
            }
        case .consent:
            // Consent is judged by the time since the last response (RFC 7675 §5.1), not per check.
            break
        case let .gather(index):
            completeGathering(index, mapped: nil)
        }
    }

    /// Regular nomination by the controlling agent (RFC 8445 §8.1.1): once the best valid pair
    /// can no longer be beaten (or `nominationDelay` has passed), check it again with USE-CANDIDATE.
    mutating func runNomination() {
        guard role == .controlling, remoteCredentials != nil, !hasNominatedPair,
              let best = bestPair(where: { $0.isValid && $0.state == .succeeded })
        else { return }
        let nominationPending = triggered.contains { $0.nominating }
            || transactions.contains { if case .check(_, true) = $0.purpose { true } else { false } }
        guard !nominationPending else { return }
        let bestPriority = pairs[best].priority
        let betterPending = pairs.contains {
            !$0.retired && $0.priority > bestPriority && ($0.state == .waiting || $0.state == .frozen || $0.state == .inProgress)
        }
        if betterPending, let firstValidAt, now < firstValidAt + config.nominationDelay { return }
        trigger(best, nominating: true)
    }
}
