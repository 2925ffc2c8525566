/// Consent freshness (RFC 7675), pair selection and the overall state (RFC 8445 §6.1.3, §8).
extension ICEAgent {
    /// RFC 7675 §5.1: a consent check on the selected pair every `consentInterval`, randomized
    /// to 0.8-1.2 of it. A new check supersedes the previous one's retransmissions.
    mutating func runConsent() {
        guard let selected, !pairs[selected].retired, !consentLost, remoteCredentials != nil else { return }
        guard let due = nextConsentAt else {
            scheduleConsent()
            return
        }
        guard now >= due else { return }
        transactions.removeAll { $0.purpose == .consent(pair: selected) }
        sendCheck(pair: selected, nominating: false, consent: true)
        scheduleConsent()
    }

    mutating func scheduleConsent() {
        let base = Double(config.consentInterval.totalNanoseconds)
        let factor = Double.random(in: 0.8...1.2, using: &random)
        nextConsentAt = now + .nanoseconds(Int64(base * factor))
    }

    /// Picks the selected pair and derives the state; called after every input.
    mutating func evaluate() {
        guard state != .closed else { return }
        updateSelection()
        if let selected {
            let lastResponse = pairs[selected].lastResponseAt ?? now
            if now - lastResponse >= config.consentTimeout {
                // RFC 7675 §5.1: consent expired; stop using the pair.
                consentLost = true
                transactions.removeAll()
                triggered.removeAll()
                setState(.failed)
            } else if consentLost {
                setState(.failed)
            } else if pairs[selected].retired {
                setState(.checking)
            } else if now - lastResponse >= config.disconnectedTimeout {
                setState(.disconnected)
            } else {
                setState(pairs[selected].nominated ? .completed : .connected)
            }
            return
        }
        if checksExhausted {
            setState(.failed)
        } else if state != .new {
            // New candidates after a failure, or a restart: checking again.
            setState(.checking)
        }
    }

    /// RFC 8445 §8.1.2 failure: every pair failed, nothing pending, and no more remote
    /// candidates are coming (end-of-candidates, or none arrived for `trickleGrace`).
    var checksExhausted: Bool {
        guard remoteCredentials != nil else { return false }
        let active = pairs.filter { !$0.retired }
        guard active.allSatisfy({ $0.state == .failed }), triggered.isEmpty else { return false }
        let checking = transactions.contains { if case .gather = $0.purpose { false } else { true } }
        guard !checking else { return false }
        if active.isEmpty && !remoteEndOfCandidates { return false }
        return remoteEndOfCandidates || now >= lastCandidateChangeAt + config.trickleGrace
    }

    /// A readable account of what was tried, for the error shown when ICE fails.
    public var failureReport: String? {
        guard state == .failed else { return nil }
        var lines = [consentLost ? "ICE failed: consent expired on the selected pair (no responses for \(config.consentTimeout))"
                                 : "ICE failed: no candidate pair worked"]
        let tried = pairs.indices.filter { !pairs[$0].retired }.map(snapshot)
        lines.append("\(tried.count) pair(s) tried:")
        for pair in tried {
            lines.append("  \(pair) (\(pair.requestsSent) checks, \(pair.responsesReceived) responses)")
        }
        for skipped in skippedRemoteCandidates {
            lines.append("  skipped remote \(skipped.candidate.type.rawValue) \(skipped.candidate.host):\(skipped.candidate.port): \(skipped.reason.rawValue)")
        }
        if remoteCandidates.isEmpty { lines.append("  no usable remote candidates") }
        return lines.joined(separator: "\n")
    }

    /// The nominated pair with the highest priority, else the best valid pair.
    mutating func updateSelection() {
        guard !consentLost else { return }
        let best = bestPair { $0.isValid && $0.nominated } ?? bestPair { $0.isValid && $0.state == .succeeded }
        guard let best else { return }
        // Once nominated, the selection changes only for another nominated pair.
        if let current = selected, !pairs[current].retired, pairs[current].nominated, !pairs[best].nominated { return }
        guard best != selected else { return }
        selected = best
        nextConsentAt = nil
        emit(.selectedPairChanged(snapshot(best)))
    }

    /// The earliest instant anything is due, or nil when the agent waits only for input.
    func nextTimeout() -> Instant? {
        guard state != .closed else { return nil }
        var candidates: [Instant] = transactions.map(\.deadline)
        if hasPacedWork { candidates.append(lastPacedAt.map { max($0 + config.pacingInterval, now) } ?? now) }
        if role == .controlling, !hasNominatedPair, let firstValidAt, firstValidAt + config.nominationDelay > now {
            candidates.append(firstValidAt + config.nominationDelay)
        }
        if let selected, !consentLost {
            if !pairs[selected].retired { candidates.append(nextConsentAt ?? now) }
            if let last = pairs[selected].lastResponseAt {
                for limit in [config.disconnectedTimeout, config.consentTimeout] where last + limit > now {
                    candidates.append(last + limit)
                }
            }
        } else if selected == nil, remoteCredentials != nil, !remoteEndOfCandidates {
            let failAt = lastCandidateChangeAt + config.trickleGrace
            if failAt > now { candidates.append(failAt) }
        }
        return candidates.min()
    }
}
