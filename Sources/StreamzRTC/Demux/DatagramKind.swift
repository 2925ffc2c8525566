/// What a datagram received on the one bundled transport carries.
///
/// RFC 7983 §7 (updated by RFC 9443): the first byte tells STUN, DTLS and
/// RTP/RTCP apart, so every received datagram is classified here and nowhere else.
public enum DatagramKind: Equatable, Sendable {
    case stun
    case dtls
    case rtp
    case rtcp
    /// ZRTP, TURN channel data and anything unassigned; dropped by the peer.
    case unknown

    /// Classifies a datagram by its first byte (and, for RTP/RTCP, its second).
    public init(classifying datagram: some Collection<UInt8>) {
        guard let first = datagram.first else {
            self = .unknown
            return
        }
        switch first {
        case 0...3:
            self = .stun
        case 20...63:
            self = .dtls
        case 128...191:
            // RFC 5761 §4: with rtcp-mux, RTCP packet types 192-223 sit where RTP
            // would have a marker bit and payload types 64-95, which RTP must not use.
            let second = datagram.dropFirst().first
            if let second, (192...223).contains(second) {
                self = .rtcp
            } else if second != nil {
                self = .rtp
            } else {
                self = .unknown
            }
        default:
            self = .unknown
        }
    }
}
