import Foundation

/// A plain TCP connection to 127.0.0.1 for what no HTTP client does on
/// purpose: a connection that never sends a byte, half a request head, a
/// kept-alive socket left idle, a bare WebSocket. Reads block on a dispatch
/// thread, never on the cooperative pool, and give up after `timeout`.
public final class RawConnection: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// What a read ended with: the peer closed (EOF or reset), or nothing more came in time.
    public enum End: Equatable, Sendable {
        case satisfied, closed, timedOut
    }

    private let descriptor: Int32

    public init(port: Int, timeout: Int = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let descriptor = descriptor
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "connect to 127.0.0.1:\(port): \(reason)")
        }
    }

    deinit { close(descriptor) }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// Reads until `enough` says so of everything read, the peer closes, or the timeout passes.
    public func read(until enough: @escaping @Sendable ([UInt8]) -> Bool) async -> (bytes: [UInt8], end: End) {
        let descriptor = descriptor
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var received: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    if enough(received) { return continuation.resume(returning: (received, .satisfied)) }
                    let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                    if count > 0 {
                        received += chunk[0..<count]
                    } else if count == 0 || errno == ECONNRESET {
                        return continuation.resume(returning: (received, .closed))
                    } else if errno != EINTR {
                        return continuation.resume(returning: (received, .timedOut))
                    }
                }
            }
        }
    }

    /// Everything until the peer closes; `.timedOut` if it does not.
    public func readToEnd() async -> (bytes: [UInt8], end: End) {
        await read(until: { _ in false })
    }

    /// One whole HTTP/1.1 response with a Content-Length body: status line and body.
    public func readResponse() async throws -> (status: String, body: String) {
        let (bytes, end) = await read(until: Self.isComplete)
        guard end == .satisfied, let text = String(bytes: bytes, encoding: .utf8),
              let split = text.range(of: "\r\n\r\n")
        else { throw Failure(description: "no whole response (\(end)): \(String(decoding: bytes, as: UTF8.self).prefix(200))") }
        let status = text[..<split.lowerBound].split(separator: "\r\n").first.map(String.init) ?? ""
        return (status, String(text[split.upperBound...]))
    }

    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let length = responseLength(in: bytes), let headEnd = headEnd(in: bytes) else { return false }
        return bytes.count >= headEnd + length
    }

    private static func headEnd(in bytes: [UInt8]) -> Int? {
        let marker: [UInt8] = Array("\r\n\r\n".utf8)
        guard bytes.count >= marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) where Array(bytes[start..<start + marker.count]) == marker {
            return start + marker.count
        }
        return nil
    }

    private static func responseLength(in bytes: [UInt8]) -> Int? {
        guard let end = headEnd(in: bytes) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) else { return 0 }
        return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
    }
}
