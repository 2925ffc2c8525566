/// Processing responses to our checks, consent checks and gathering requests (RFC 8445 §7.2.5).
extension ICEAgent {
    mutating func handleResponse(_ response: STUNMessage, datagram: ICEReceivedDatagram) {
        guard let index = transactions.firstIndex(where: { $0.id == response.transactionID }) else {
            return drop(.unknownTransaction)
        }
        let tx = transactions[index]
        if case let .gather(gathering) = tx.purpose {
            // STUN servers answer without credentials (RFC 8489 §6.3.4).
            transactions.remove(at: index)
            return completeGathering(gathering, mapped: response.type.messageClass == .successResponse ? response.mappedAddress : nil)
        }
        guard let remoteCredentials else { return drop(.unknownTransaction) }
        // RFC 8445 §7.2.5.1: a response that fails integrity is discarded; the transaction goes on.
        guard response.hasMessageIntegrity else { return drop(.missingIntegrity) }
        guard response.verifyIntegrity(key: STUNCrypto.shortTermKey(password: remoteCredentials.password)) else {
            return drop(.badIntegrity)
        }
        transactions.remove(at: index)
        let pair: Int, nominating: Bool, isConsent: Bool
        switch tx.purpose {
        case let .check(checked, nominate): (pair, nominating, isConsent) = (checked, nominate, false)
        case let .consent(checked): (pair, nominating, isConsent) = (checked, false, true)
        case .gather: return
        }

        if response.type.messageClass == .errorResponse {
            return handleErrorResponse(response, pair: pair, tx: tx, isConsent: isConsent)
        }
        // RFC 8445 §7.2.5.2.1: the response must come back on the path the request took.
        guard datagram.source == tx.destination, datagram.destination == tx.source, datagram.socket == tx.socket else {
            if !isConsent { pairs[pair].state = .failed }
            return
        }
        // RFC 6298 §3 (Karn): a retransmitted request gives an ambiguous round-trip time.
        let rtt: Duration? = tx.transmissions == 1 ? now - tx.firstSentAt : nil
        pairs[pair].responsesReceived += 1
        pairs[pair].lastResponseAt = now
        if let rtt { pairs[pair].roundTripTime = rtt }
        if isConsent { return }
        guard let mapped = response.mappedAddress else {
            pairs[pair].state = .failed
            return
        }
        succeed(pair: pair, mapped: mapped, nominating: nominating, rtt: rtt)
    }

    mutating func handleErrorResponse(_ response: STUNMessage, pair: Int, tx: Transaction, isConsent: Bool) {
        // RFC 8445 §7.2.5.1: on 487 switch role (unless already switched) and retry the pair.
        if response.errorCode?.code == 487 {
            if tx.roleAtSend == role { switchRole(to: role == .controlling ? .controlled : .controlling) }
            if !isConsent, !pairs[pair].retired {
                pairs[pair].state = .waiting
                trigger(pair)
            }
            return
        }
        if !isConsent { pairs[pair].state = .failed }
    }

    /// RFC 8445 §7.2.5.3: the pair succeeded; the valid pair uses the mapped address as local
    /// candidate, which is peer-reflexive when it is not one we know.
    mutating func succeed(pair: Int, mapped: TransportAddress, nominating: Bool, rtt: Duration?) {
        pairs[pair].state = .succeeded
        let checkedLocal = localCandidates[pairs[pair].local]
        let validLocal: Int
        if mapped == checkedLocal.candidate.address {
            validLocal = pairs[pair].local
        } else if let known = localCandidates.firstIndex(where: { $0.candidate.address == mapped && $0.socket == checkedLocal.socket }) {
            validLocal = known
        } else {
            let candidate = ICECandidate(
                foundation: ICECandidate.foundation(type: .peerReflexive, baseIP: checkedLocal.base.ip),
                priority: prflxPriority(for: pairs[pair].local), host: .ip(mapped.ip), port: mapped.port,
                type: .peerReflexive, relatedHost: .ip(checkedLocal.base.ip), relatedPort: checkedLocal.base.port,
                ufrag: localCredentials.ufrag)
            localCandidates.append(ICELocalCandidate(candidate: candidate, base: checkedLocal.base, socket: checkedLocal.socket))
            validLocal = localCandidates.count - 1
        }
        let valid: Int
        if validLocal == pairs[pair].local {
            valid = pair
        } else if let existing = pairIndex(local: validLocal, remote: pairs[pair].remote) {
            valid = existing
        } else if formPair(local: validLocal, remote: pairs[pair].remote, state: .succeeded) {
            valid = pairs.count - 1
        } else {
            // The checklist is full: the checked pair stands in for its valid pair.
            valid = pair
        }
        pairs[pair].validPair = valid
        pairs[valid].state = .succeeded
        pairs[valid].isValid = true
        pairs[valid].lastResponseAt = now
        if let rtt { pairs[valid].roundTripTime = rtt }
        if firstValidAt == nil { firstValidAt = now }
        // RFC 8445 §7.2.5.3.2/§7.2.5.3.4: nomination completes when the USE-CANDIDATE check
        // (controlling) or the check after a received USE-CANDIDATE (controlled) succeeds.
        if (nominating && role == .controlling) || (pairs[pair].nominateOnSuccess && role == .controlled) {
            pairs[valid].nominated = true
        }
        // RFC 8445 §7.2.5.3.3: unfreeze pairs sharing the foundation.
        let foundation = pairs[pair].foundation
        for index in pairs.indices where !pairs[index].retired && pairs[index].state == .frozen && pairs[index].foundation == foundation {
            pairs[index].state = .waiting
        }
    }
}
