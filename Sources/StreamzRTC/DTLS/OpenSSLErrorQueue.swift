import COpenSSL

/// OpenSSL's per-thread error queue, turned into readable reasons.
///
/// Every call into OpenSSL that can fail starts with `clear()` so a reason
/// never mixes in leftovers from an earlier, unrelated call, and reads the
/// queue with `drain()` right after the failing call.
enum OpenSSLErrorQueue {
    /// Empties the queue (ERR_clear_error).
    static func clear() {
        ERR_clear_error()
    }

    /// Pops every queued error and joins them as "library: reason" texts,
    /// oldest first; `fallback` when the queue held nothing.
    static func drain(fallback: String) -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            reasons.append(describe(code))
        }
        return reasons.isEmpty ? fallback : reasons.joined(separator: "; ")
    }

    private static func describe(_ code: UInt) -> String {
        let reason = ERR_reason_error_string(code).map { String(cString: $0) }
        let library = ERR_lib_error_string(code).map { String(cString: $0) }
        switch (library, reason) {
        case let (library?, reason?):
            return "\(library): \(reason)"
        case let (nil, reason?):
            return reason
        default:
            return "OpenSSL error 0x\(String(code, radix: 16))"
        }
    }
}

/// A failure inside OpenSSL while setting up DTLS, with the queue's reasons.
public struct OpenSSLError: Error, Equatable, CustomStringConvertible {
    /// What we were doing ("generate the certificate key", ...).
    public var operation: String
    /// OpenSSL's own reasons, from its error queue.
    public var reason: String

    public var description: String { "\(operation) failed: \(reason)" }

    /// Builds the error from the current queue contents (and empties it).
    static func fromQueue(_ operation: String) -> OpenSSLError {
        OpenSSLError(operation: operation, reason: OpenSSLErrorQueue.drain(fallback: "no OpenSSL reason given"))
    }
}
