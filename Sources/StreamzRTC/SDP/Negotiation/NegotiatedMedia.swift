/// What an offer/answer exchange settled, in the shape the RTP, ICE and
/// DTLS layers consume: per media kind the codec and header extensions,
/// and once for the bundled transport the remote ICE and DTLS parameters.
public struct NegotiatedMedia: Hashable, Sendable {
    public var video: NegotiatedStream?
    public var audio: NegotiatedStream?
    public var transport: NegotiatedTransport

    public subscript(kind: MediaKind) -> NegotiatedStream? {
        switch kind {
        case .video: video
        case .audio: audio
        }
    }
}

public enum MediaKind: String, Hashable, Sendable, CaseIterable {
    case audio, video
}

/// One negotiated RTP stream (one m= section).
public struct NegotiatedStream: Hashable, Sendable {
    public var kind: MediaKind
    public var mid: String
    /// The codec both sides agreed on (VP8/90000 or opus/48000/2).
    public var codec: RTPMap
    /// RTX payload type for this codec (RFC 4588 §8.6 `apt=`), when negotiated.
    public var rtxPayloadType: UInt8?
    /// The codec's `a=fmtp` parameters as the remote side wrote them.
    public var formatParameters: String?
    /// RTCP feedback both sides accepted (RFC 4585 §4.2).
    public var feedback: Set<RTCPFeedback>
    /// Header-extension ids by URI (RFC 8285 §5).
    public var extensionIDs: [String: UInt8]
    /// The direction of this m= section from our side.
    public var localDirection: SDPDirection
    /// SSRCs the remote side announced for its media (RTX SSRCs excluded).
    public var remoteSSRCs: [UInt32]
    /// Remote media SSRC -> its RTX SSRC, from `a=ssrc-group:FID` (RFC 5576 §4.2).
    public var remoteRTXSSRCs: [UInt32: UInt32]
    /// The remote `a=ssrc:<ssrc> cname:` value (RFC 5576 §6.1), if any.
    public var remoteCName: String?

    public var payloadType: UInt8 { codec.payloadType }
    public var clockRate: UInt32 { codec.clockRate }
}

/// The remote ICE and DTLS parameters of the (bundled) transport.
public struct NegotiatedTransport: Hashable, Sendable {
    public var remoteICEUfrag: String
    public var remoteICEPwd: String
    /// The remote `sha-256` fingerprint the DTLS certificate must match.
    public var remoteFingerprint: SDPFingerprint
    /// Every fingerprint the remote side listed (aiortc adds sha-384 and sha-512).
    public var remoteFingerprints: [SDPFingerprint]
    /// The DTLS role we take.
    public var dtlsRole: DTLSRole
    /// Raw candidate values (what follows `a=candidate:`; signalling's
    /// `RTCIceCandidate.candidate` form adds that prefix) of the section
    /// carrying the transport, the first bundled one, deduplicated. Other
    /// sections may list candidates of transports the remote side drops once
    /// BUNDLE is agreed (Chromium's balanced policy), so they are not merged.
    public var remoteCandidates: [String]
    /// The remote side sent `a=end-of-candidates` (RFC 8840 §4.1).
    public var remoteEndOfCandidates: Bool
    /// The remote side trickles candidates (`a=ice-options:trickle`, RFC 8840 §4.1.1).
    public var remoteTrickle: Bool
    /// The remote side is ICE lite (RFC 8445 §2.5).
    public var remoteICELite: Bool
    /// Mids of the BUNDLE group (RFC 8843), first the one carrying the transport.
    public var bundleMids: [String]
}

/// Our own ICE and DTLS parameters, written into every m= section we produce.
public struct LocalTransportParameters: Hashable, Sendable {
    public var iceUfrag: String
    public var icePwd: String
    /// Our certificate's `sha-256` fingerprint (RFC 8122 §5).
    public var fingerprint: SDPFingerprint
    /// Raw candidate values (what follows `a=candidate:`), from the ICE agent.
    public var candidates: [String]
    /// True once gathering finished: adds `a=end-of-candidates` (RFC 8840 §4.1).
    public var endOfCandidates: Bool
    /// `a=ice-options` tokens, e.g. `["trickle"]` when we accept trickled candidates.
    public var iceOptions: [String]

    public init(iceUfrag: String, icePwd: String, fingerprint: SDPFingerprint, candidates: [String] = [],
                endOfCandidates: Bool = false, iceOptions: [String] = []) {
        self.iceUfrag = iceUfrag
        self.icePwd = icePwd
        self.fingerprint = fingerprint
        self.candidates = candidates
        self.endOfCandidates = endOfCandidates
        self.iceOptions = iceOptions
    }
}
