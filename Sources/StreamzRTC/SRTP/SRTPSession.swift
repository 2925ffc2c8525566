import CSRTP

/// One libsrtp session (`srtp_t`) keyed for one direction.
///
/// Not Sendable: libsrtp sessions keep per-stream state (rollover counters,
/// replay windows) that must not be touched from two threads at once; the
/// owning peer uses it from its one isolation domain.
final class SRTPSession {
    enum Direction {
        case outbound
        case inbound
    }

    /// `srtp_t`, owned; released exactly once in `deinit`.
    private let session: OpaquePointer
    let profile: SRTPProfile

    /// RFC 3711 §3.3.2 requires at least 64; 1024 tolerates the reordering
    /// of a burst of video packets on a jittery path.
    static let replayWindowSize: UInt = 1024

    /// srtp_init runs once per process; a `static let` initializer is
    /// evaluated exactly once, thread-safely, on first use.
    private static let libraryStatus: UInt32 = srtp_init().rawValue

    init(profile: SRTPProfile, masterKey: SRTPMasterKey, direction: Direction) throws(SRTPError) {
        guard Self.libraryStatus == srtp_err_status_ok.rawValue else {
            throw .library(operation: "srtp_init", status: Self.libraryStatus)
        }
        let expected = profile.masterKeyLength + profile.masterSaltLength
        var keyAndSalt = masterKey.key + masterKey.salt
        guard masterKey.key.count == profile.masterKeyLength, keyAndSalt.count == expected else {
            throw .wrongKeyLength(expected: expected, actual: keyAndSalt.count)
        }

        var policy = srtp_policy_t()
        profile.apply(to: &policy)
        // One wildcard stream per direction: every SSRC we send, or every SSRC the
        // peer sends, shares the DTLS-SRTP master key (RFC 5764 §4.1).
        policy.ssrc = srtp_ssrc_t(type: direction == .outbound ? ssrc_any_outbound : ssrc_any_inbound, value: 0)
        policy.window_size = Self.replayWindowSize
        // Outbound: a NACK-driven resend of the very same packet is legitimate;
        // inbound replay protection is unaffected.
        policy.allow_repeat_tx = direction == .outbound ? 1 : 0
        policy.next = nil

        var created: OpaquePointer?
        let status = keyAndSalt.withUnsafeMutableBufferPointer { buffer in
            policy.key = buffer.baseAddress
            // libsrtp copies the key into its own context during srtp_create.
            return srtp_create(&created, &policy)
        }
        keyAndSalt.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = 0 }
        }
        guard status == srtp_err_status_ok, let created else {
            throw SRTPError(status: status, operation: "srtp_create")
        }
        self.session = created
        self.profile = profile
    }

    deinit {
        srtp_dealloc(session)
    }

    /// Runs a libsrtp transform in place over a copy of `packet` with `room`
    /// spare bytes, returning the transformed bytes.
    func transform(
        _ packet: [UInt8], room: Int, operation: String,
        _ body: (OpaquePointer, UnsafeMutableRawPointer, UnsafeMutablePointer<Int32>) -> srtp_err_status_t
    ) throws(SRTPError) -> [UInt8] {
        var buffer = packet
        buffer.append(contentsOf: repeatElement(0, count: room))
        var length = Int32(packet.count)
        let status = buffer.withUnsafeMutableBytes { raw -> srtp_err_status_t in
            guard let base = raw.baseAddress else { return srtp_err_status_bad_param }
            return body(session, base, &length)
        }
        guard status == srtp_err_status_ok else { throw SRTPError(status: status, operation: operation) }
        guard length >= 0, Int(length) <= buffer.count else {
            throw .library(operation: operation, status: srtp_err_status_fail.rawValue)
        }
        buffer.removeSubrange(Int(length)...)
        return buffer
    }
}
