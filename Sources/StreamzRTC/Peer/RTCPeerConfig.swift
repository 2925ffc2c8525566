/// Which side of a Streamz session this peer is (PROTOCOL.md: the device offers, the viewer answers).
public enum RTCPeerRole: Sendable {
    /// Offers sendonly tracks described by `DeviceOffer.Options`; ICE controlling (RFC 8445 §6.1.1:
    /// the offerer of a full-ICE exchange controls).
    case device(DeviceOffer.Options)
    /// Answers recvonly for the kinds it wants; ICE controlled.
    case viewer(wanting: Set<MediaKind>)
}

/// Everything an `RTCPeer` needs that is not time or datagrams.
public struct RTCPeerConfig: Sendable {
    public var role: RTCPeerRole
    /// The DTLS certificate; its sha-256 fingerprint goes into our description.
    public var certificate: DTLSCertificate
    public var iceCredentials: ICECredentials
    /// Seeds the ICE agent's transaction ids and tie-breaker. The runtime passes a secure random value;
    /// tests pass a constant so the same seed gives the same trace.
    public var seed: UInt64
    /// The SDP `o=` session id.
    public var sessionID: UInt64
    public var ice: ICEAgentConfig
    /// RFC 6347 §4.2.4.1 suggests 1 s; the peer uses 100 ms like libwebrtc's short first timeout,
    /// because a ClientHello sent as soon as our ICE has a valid pair may reach a peer whose own ICE
    /// is not yet ready and is dropped (aioice does so). Keep it above 15 ms (DECISIONS.md).
    public var dtlsInitialRetransmissionTimeout: Duration
    public var srtpProfiles: [SRTPProfile]
    /// DTLS/SRTP datagrams that arrive from an address ICE has not validated yet are held (at most this
    /// many) and replayed once it is: the controlling side's ClientHello can overtake the response that
    /// validates the pair on our side.
    public var earlyDatagramLimit: Int

    public init(role: RTCPeerRole, certificate: DTLSCertificate, iceCredentials: ICECredentials, seed: UInt64,
                sessionID: UInt64, ice: ICEAgentConfig = ICEAgentConfig(),
                dtlsInitialRetransmissionTimeout: Duration = .milliseconds(100),
                srtpProfiles: [SRTPProfile] = SRTPProfile.allCases, earlyDatagramLimit: Int = 8) {
        self.role = role
        self.certificate = certificate
        self.iceCredentials = iceCredentials
        self.seed = seed
        self.sessionID = sessionID
        self.ice = ice
        self.dtlsInitialRetransmissionTimeout = dtlsInitialRetransmissionTimeout
        self.srtpProfiles = srtpProfiles
        self.earlyDatagramLimit = earlyDatagramLimit
    }
}
