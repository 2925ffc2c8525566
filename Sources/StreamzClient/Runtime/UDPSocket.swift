#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StreamzRTC

/// A non-blocking UDP socket (POSIX) for one IPv4 or IPv6 host address. Owned by one
/// `PeerRuntime` thread; closed by `close()`.
final class UDPSocket {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32
    let boundAddress: TransportAddress

    /// Binds to `ip` on an ephemeral port. An IPv6 socket is IPV6_V6ONLY: IPv4 has its own.
    init(binding ip: IPAddress) throws {
        let family = ip.isIPv4 ? AF_INET : AF_INET6
        #if canImport(Glibc)
        let fd = socket(family, Int32(SOCK_DGRAM.rawValue), 0)
        #else
        let fd = socket(family, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        if !ip.isIPv4 {
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        var (storage, length) = Self.socketAddress(TransportAddress(ip: ip, port: 0))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
            let code = errno
            _ = Glibc.close(fd)
            throw Failure(description: "bind \(ip): errno \(code)")
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        descriptor = fd
        boundAddress = TransportAddress(ip: ip, port: Self.transportAddress(actual)?.port ?? 0)
    }

    /// Sends one datagram; a full buffer or an unreachable peer loses it, as UDP may.
    func send(_ bytes: [UInt8], to destination: TransportAddress) {
        // ICE pairs only candidates of one family (RFC 8445 §6.1.2.2); anything else is a bug upstream.
        guard destination.ip.isIPv4 == boundAddress.ip.isIPv4 else { return }
        var (storage, length) = Self.socketAddress(destination)
        _ = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, length)
                }
            }
        }
    }

    /// Reads one datagram, or nil when none is waiting.
    func receive(into buffer: inout [UInt8]) -> (bytes: [UInt8], source: TransportAddress)? {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let count = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(descriptor, raw.baseAddress, raw.count, 0, $0, &length) }
            }
        }
        guard count >= 0, let source = Self.transportAddress(address) else { return nil }
        return (Array(buffer[0..<count]), source)
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    /// A `sockaddr_in` or `sockaddr_in6` (scope 0: link-local addresses are never gathered) in storage.
    static func socketAddress(_ address: TransportAddress) -> (sockaddr_storage, socklen_t) {
        var storage = sockaddr_storage()
        let bytes = address.ip.bytes
        if address.ip.isIPv4 {
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    sin.pointee.sin_family = sa_family_t(AF_INET)
                    sin.pointee.sin_port = address.port.bigEndian
                    withUnsafeMutableBytes(of: &sin.pointee.sin_addr) { $0.copyBytes(from: bytes) }
                }
            }
            return (storage, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
        withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                sin6.pointee.sin6_family = sa_family_t(AF_INET6)
                sin6.pointee.sin6_port = address.port.bigEndian
                withUnsafeMutableBytes(of: &sin6.pointee.sin6_addr) { $0.copyBytes(from: bytes) }
            }
        }
        return (storage, socklen_t(MemoryLayout<sockaddr_in6>.size))
    }

    /// The address in a `sockaddr_in`/`sockaddr_in6`; nil for other families. An IPv4-mapped
    /// IPv6 source cannot occur: IPv6 sockets are V6ONLY.
    static func transportAddress(_ storage: sockaddr_storage) -> TransportAddress? {
        var storage = storage
        return withUnsafePointer(to: &storage) { pointer -> TransportAddress? in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    let bytes = withUnsafeBytes(of: sin.pointee.sin_addr) { Array($0) }
                    return IPAddress(bytes: bytes).map { TransportAddress(ip: $0, port: UInt16(bigEndian: sin.pointee.sin_port)) }
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                    let bytes = withUnsafeBytes(of: sin6.pointee.sin6_addr) { Array($0) }
                    return IPAddress(bytes: bytes).map { TransportAddress(ip: $0, port: UInt16(bigEndian: sin6.pointee.sin6_port)) }
                }
            default:
                return nil
            }
        }
    }

    /// Addresses of the interfaces that are up (getifaddrs), IPv4 first, for the families asked.
    /// Loopback (127.0.0.1, ::1) only when asked. IPv6 link-local (fe80::/10) is skipped: it needs
    /// a scope id, which SDP candidates cannot carry (DECISIONS.md).
    static func hostAddresses(includeLoopback: Bool, loopbackOnly: Bool, families: Set<PeerRuntime.AddressFamily>) -> [IPAddress] {
        if loopbackOnly {
            var result: [IPAddress] = []
            if families.contains(.ipv4) { result.append(.loopbackV4) }
            if families.contains(.ipv6), let v6 = IPAddress("::1") { result.append(v6) }
            return result
        }
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var result: [IPAddress] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let raw = entry.pointee.ifa_addr, entry.pointee.ifa_flags & UInt32(IFF_UP) != 0 else { continue }
            var storage = sockaddr_storage()
            let size = raw.pointee.sa_family == sa_family_t(AF_INET6) ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size
            guard raw.pointee.sa_family == sa_family_t(AF_INET) || raw.pointee.sa_family == sa_family_t(AF_INET6) else { continue }
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: size)) }
            guard let ip = transportAddress(storage)?.ip else { continue }
            guard families.contains(ip.isIPv4 ? .ipv4 : .ipv6) else { continue }
            if ip.isLoopback && !includeLoopback { continue }
            if case .v6(let bytes) = ip, bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { continue }
            if !result.contains(ip) { result.append(ip) }
        }
        return result.filter(\.isIPv4) + result.filter { !$0.isIPv4 }
    }
}
