#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StreamzRTC

/// A non-blocking IPv4 UDP socket (POSIX). Owned by one `PeerRuntime` thread; closed by `close()`.
final class UDPSocket {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32
    let boundAddress: TransportAddress

    /// Binds to `ip` on an ephemeral port.
    init(binding ip: IPAddress) throws {
        guard case .v4 = ip else { throw Failure(description: "only IPv4 host candidates are gathered (\(ip))") }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = Self.socketAddress(TransportAddress(ip: ip, port: 0))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
            let code = errno
            _ = Glibc.close(fd)
            throw Failure(description: "bind \(ip): errno \(code)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        boundAddress = TransportAddress(ip: ip, port: UInt16(bigEndian: actual.sin_port))
    }

    /// Sends one datagram; a full buffer or an unreachable peer loses it, as UDP may.
    func send(_ bytes: [UInt8], to destination: TransportAddress) {
        var address = Self.socketAddress(destination)
        _ = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Reads one datagram, or nil when none is waiting.
    func receive(into buffer: inout [UInt8]) -> (bytes: [UInt8], source: TransportAddress)? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(descriptor, raw.baseAddress, raw.count, 0, $0, &length) }
            }
        }
        guard count >= 0 else { return nil }
        let host = UInt32(bigEndian: address.sin_addr.s_addr)
        let ip = IPAddress.v4(UInt8(host >> 24), UInt8(host >> 16 & 0xFF), UInt8(host >> 8 & 0xFF), UInt8(host & 0xFF))
        return (Array(buffer[0..<count]), TransportAddress(ip: ip, port: UInt16(bigEndian: address.sin_port)))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    static func socketAddress(_ address: TransportAddress) -> sockaddr_in {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = address.port.bigEndian
        let bytes = address.ip.bytes
        if bytes.count == 4 {
            result.sin_addr.s_addr = (UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])).bigEndian
        }
        return result
    }

    /// IPv4 addresses of the interfaces that are up (getifaddrs); loopback only when asked.
    static func hostAddresses(includeLoopback: Bool, loopbackOnly: Bool) -> [IPAddress] {
        if loopbackOnly { return [.loopbackV4] }
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return includeLoopback ? [.loopbackV4] : [] }
        defer { freeifaddrs(list) }
        var result: [IPAddress] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let raw = entry.pointee.ifa_addr, raw.pointee.sa_family == sa_family_t(AF_INET),
                  entry.pointee.ifa_flags & UInt32(IFF_UP) != 0 else { continue }
            let host = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
            let ip = IPAddress.v4(UInt8(host >> 24), UInt8(host >> 16 & 0xFF), UInt8(host >> 8 & 0xFF), UInt8(host & 0xFF))
            if ip.isLoopback && !includeLoopback { continue }
            if !result.contains(ip) { result.append(ip) }
        }
        return result
    }
}
