extension RTCPeer {
    /// Gathers server-reflexive candidates from a STUN server (RFC 8445 §5.1.1.2): ICE sends a
    /// Binding request from every host candidate of the server's address family, paced and
    /// retransmitted per RFC 8489 §6.2.1. Each new mapped address becomes a candidate, inline when
    /// our description is not created yet, else emitted as `.localCandidate` for trickle;
    /// redundant ones (RFC 8445 §5.1.3: a mapped address equal to a host's or to one already
    /// gathered) are dropped. Connectivity checks never wait for this.
    public func addSTUNServer(_ server: TransportAddress, now: Instant) {
        guard !closed else { return }
        ice.addSTUNServer(server)
        ice.handleTimeout(now: now)
        pump(now: now)
    }

    /// `gathering` while a STUN server's answer is outstanding, `complete` once every request was
    /// answered or timed out.
    public var gatheringState: ICEGatheringState { ice.gatheringState }

    /// The STUN servers gathering uses.
    public var stunServers: [TransportAddress] { ice.stunServers }
}
