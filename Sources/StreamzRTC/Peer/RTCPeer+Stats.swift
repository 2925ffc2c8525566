extension RTCPeer {
    /// The current ICE state.
    public var iceState: ICEConnectionState { ice.state }

    /// Round-trip time of the selected pair from ICE checks and consent (RFC 7675) responses.
    public var roundTripTime: Duration? { ice.roundTripTime }

    /// The selected candidate pair with its candidate types; nil before ICE selects one.
    public var selectedPair: RTCSelectedPair? {
        ice.selectedPair.map {
            RTCSelectedPair(localType: $0.local.type, remoteType: $0.remote.type, local: $0.localBase, remote: $0.remoteAddress)
        }
    }

    /// Every candidate pair ICE formed, with its state.
    public var candidatePairs: [ICEPairSnapshot] { ice.checklist }

    /// The local candidates signalled so far.
    public var localCandidates: [ICECandidate] { ice.localCandidates.map(\.candidate) }

    /// The SRTP profile and cipher suite DTLS agreed; nil before it connects.
    public var dtlsCipherSuite: String? { dtls?.cipherSuite }
    public var dtlsRole: DTLSRole? { dtls?.role }
}
