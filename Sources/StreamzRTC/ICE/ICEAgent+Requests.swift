/// Answering connectivity checks from the peer (RFC 8445 §7.3).
extension ICEAgent {
    mutating func handleRequest(_ request: STUNMessage, datagram: ICEReceivedDatagram) {
        // RFC 7675 §5.1: once consent expired we send nothing, answers included, until a restart.
        guard !consentLost else { return drop(.consentExpired) }
        // RFC 8445 §7.3 / RFC 8489 §9.1.3: authenticate with OUR password; the username must be
        // "<our ufrag>:<their ufrag>". Failures are dropped silently rather than answered.
        guard request.hasMessageIntegrity else { return drop(.missingIntegrity) }
        guard let username = request.username else { return drop(.missingUsername) }
        let parts = username.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == localCredentials.ufrag else { return drop(.wrongUsername) }
        guard request.verifyIntegrity(key: STUNCrypto.shortTermKey(password: localCredentials.password)) else {
            return drop(.badIntegrity)
        }
        if let remote = remoteCredentials, !parts[1].isEmpty, parts[1] != remote.ufrag {
            return drop(.wrongUsername)
        }
        guard let local = localCandidates.indices.first(where: {
            localCandidates[$0].socket == datagram.socket && localCandidates[$0].base == datagram.destination && isPairable($0)
        }) else { return drop(.unknownLocalAddress) }

        let unknown = request.unknownComprehensionRequired
        if !unknown.isEmpty {
            // RFC 8489 §6.3.1.1: 420 listing what we did not understand.
            return respond(to: request, datagram: datagram, attributes: [.errorCode(.unknownAttribute), .unknownAttributes(unknown)])
        }
        guard let priority = request.priority else { return drop(.missingPriority) }
        guard resolveRoleConflict(request, datagram: datagram) else { return }

        respond(to: request, datagram: datagram, attributes: [.xorMappedAddress(datagram.source)])

        // RFC 8445 §7.3.1.3: a source we do not know is a peer-reflexive remote candidate.
        let remote: Int
        if let known = currentRemoteIndex(for: datagram.source) {
            remote = known
        } else {
            let candidate = ICECandidate(
                foundation: String(random.next() % 1_000_000_000), priority: priority,
                host: .ip(datagram.source.ip), port: datagram.source.port, type: .peerReflexive,
                ufrag: parts[1].isEmpty ? nil : String(parts[1]))
            remote = appendRemote(candidate)
            lastCandidateChangeAt = now
        }

        // RFC 8445 §7.3.1.4: a triggered check on the pair, unless it already succeeded.
        if pairIndex(local: local, remote: remote) == nil {
            guard formPair(local: local, remote: remote, state: .waiting) else { return }
        }
        guard let pair = pairIndex(local: local, remote: remote) else { return }
        switch pairs[pair].state {
        case .succeeded, .inProgress:
            break
        case .frozen, .waiting, .failed:
            trigger(pair)
        }

        // RFC 8445 §7.3.1.5: the controlled agent learns nominations from USE-CANDIDATE.
        if request.useCandidate, role == .controlled {
            if pairs[pair].state == .succeeded {
                pairs[pairs[pair].validPair ?? pair].nominated = true
            } else {
                pairs[pair].nominateOnSuccess = true
            }
        }
    }

    /// RFC 8445 §7.3.1.1. Returns false when a 487 was sent and processing stops.
    mutating func resolveRoleConflict(_ request: STUNMessage, datagram: ICEReceivedDatagram) -> Bool {
        switch role {
        case .controlling:
            guard let theirs = request.iceControlling else { return true }
            if tieBreaker >= theirs {
                respond(to: request, datagram: datagram, attributes: [.errorCode(.roleConflict)])
                return false
            }
            switchRole(to: .controlled)
        case .controlled:
            guard let theirs = request.iceControlled else { return true }
            if tieBreaker >= theirs {
                switchRole(to: .controlling)
            } else {
                respond(to: request, datagram: datagram, attributes: [.errorCode(.roleConflict)])
                return false
            }
        }
        return true
    }

    mutating func switchRole(to newRole: ICERole) {
        guard role != newRole else { return }
        role = newRole
        recomputePriorities()
        emit(.roleChanged(newRole))
    }

    /// A success or error response from the socket and address the request arrived at,
    /// authenticated with our password (RFC 8445 §7.3.1 / RFC 8489 §9.1.3).
    mutating func respond(to request: STUNMessage, datagram: ICEReceivedDatagram, attributes: [STUNAttribute]) {
        let isError = attributes.contains { if case .errorCode = $0 { true } else { false } }
        var all = attributes
        if let software = config.software { all.append(.software(software)) }
        let response = STUNMessage(type: isError ? .bindingError : .bindingSuccess, transactionID: request.transactionID, attributes: all)
        let bytes = response.encoded(integrityKey: STUNCrypto.shortTermKey(password: localCredentials.password), fingerprint: true)
        transmit(socket: datagram.socket, source: datagram.destination, destination: datagram.source, bytes: bytes)
    }
}
