import CSRTP

/// Why SRTP/SRTCP protection or unprotection failed.
public enum SRTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The packet is shorter than its header (and tag) require.
    case packetTooShort(length: Int, minimum: Int)
    /// The RTP/RTCP header does not parse (version, CSRC count, extension length).
    case malformedHeader(String)
    /// The packet exceeds what one datagram can carry.
    case packetTooLong(length: Int)
    /// The keys given do not suit the profile.
    case wrongKeyLength(expected: Int, actual: Int)
    /// The authentication tag did not verify (RFC 3711 §3.3 step 5): tampered,
    /// or protected under other keys.
    case authenticationFailed
    /// The packet index was seen before or lies behind the replay window
    /// (RFC 3711 §3.3.2).
    case replayed
    /// Any other libsrtp status, with the operation that returned it.
    case library(operation: String, status: UInt32)

    public var description: String {
        switch self {
        case let .packetTooShort(length, minimum): "packet of \(length) bytes is shorter than \(minimum)"
        case let .malformedHeader(reason): "malformed header: \(reason)"
        case let .packetTooLong(length): "packet of \(length) bytes is too long"
        case let .wrongKeyLength(expected, actual): "key and salt of \(actual) bytes, expected \(expected)"
        case .authenticationFailed: "authentication failed"
        case .replayed: "replayed packet"
        case let .library(operation, status): "\(operation) failed: \(Self.statusName(status))"
        }
    }

    /// libsrtp's name for a status (srtp_err_status_t in srtp.h), for logs.
    static func statusName(_ status: UInt32) -> String {
        let names: [UInt32: String] = [
            1: "fail", 2: "bad_param", 3: "alloc_fail", 4: "dealloc_fail", 5: "init_fail",
            6: "terminus", 7: "auth_fail", 8: "cipher_fail", 9: "replay_fail", 10: "replay_old",
            11: "algo_fail", 12: "no_such_op", 13: "no_ctx", 14: "cant_check", 15: "key_expired",
            21: "parse_err", 25: "bad_mki", 26: "pkt_idx_old", 27: "pkt_idx_adv",
        ]
        return names[status].map { "srtp_err_status_\($0) (\(status))" } ?? "libsrtp status \(status)"
    }

    /// Maps a libsrtp status (not `ok`) to an error.
    init(status: srtp_err_status_t, operation: String) {
        switch status {
        case srtp_err_status_auth_fail:
            self = .authenticationFailed
        case srtp_err_status_replay_fail, srtp_err_status_replay_old:
            self = .replayed
        default:
            self = .library(operation: operation, status: status.rawValue)
        }
    }
}
