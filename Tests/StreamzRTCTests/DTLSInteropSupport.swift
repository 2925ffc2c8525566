import COpenSSL
import Foundation
import Testing
@testable import StreamzRTC

#if canImport(Glibc)
import Glibc
#endif

/// Helpers for the interop tests: PEM files for an external peer, a UDP
/// socket on 127.0.0.1 and a loop driving a transport from it in real time.
enum DTLSInteropSupport {
    static func writePEM(_ certificate: DTLSCertificate, certificatePath: String, keyPath: String) throws {
        let certificateFile = try #require(fopen(certificatePath, "w"))
        #expect(PEM_write_X509(certificateFile, certificate.certificate) == 1)
        fclose(certificateFile)
        let keyFile = try #require(fopen(keyPath, "w"))
        #expect(PEM_write_PrivateKey(keyFile, certificate.privateKey, nil, nil, 0, nil, nil) == 1)
        fclose(keyFile)
    }

    /// Runs `transport` against the peer behind `socket` until it leaves the
    /// handshake or `limit` passes, with the test's clock as the caller's.
    /// `peer` is where to send; when nil, the first datagram's sender.
    static func drive(_ transport: DTLSTransport, over socket: UDPSocket, peer: sockaddr_in?, limit: Duration = .seconds(15)) {
        let clock = ContinuousClock()
        let origin = clock.now
        func now() -> Instant { Instant(nanoseconds: (clock.now - origin).totalNanoseconds) }
        var peer = peer
        transport.start(now: now())
        while transport.state == .new || transport.state == .connecting, clock.now - origin < limit {
            while let datagram = transport.pollTransmit(), let peer { socket.send(datagram, to: peer) }
            if let (datagram, from) = socket.receive(timeoutMilliseconds: 20) {
                peer = from
                transport.handleDatagram(datagram, now: now())
            }
            transport.handleTimeout(now: now())
        }
        while let datagram = transport.pollTransmit(), let peer { socket.send(datagram, to: peer) }
    }

    /// Reads `pipe` until a complete line containing `marker` arrived (or EOF).
    static func readUntilLine(containing marker: String, from pipe: Pipe) -> String {
        var printed = ""
        while !printed.split(separator: "\n", omittingEmptySubsequences: false).dropLast().contains(where: { $0.contains(marker) }) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        return printed
    }
}

/// A UDP socket on 127.0.0.1 with an ephemeral port, for the interop test only.
final class UDPSocket {
    let descriptor: Int32
    let port: UInt16

    struct Failure: Error { var call: String }

    init(port requested: UInt16 = 0) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = requested.bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            _ = Glibc.close(descriptor)
            throw Failure(call: "bind")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            _ = Glibc.close(descriptor)
            throw Failure(call: "getsockname")
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func receive(timeoutMilliseconds: Int32) -> ([UInt8], sockaddr_in)? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var from = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = buffer.withUnsafeMutableBytes { bytes in
            withUnsafeMutablePointer(to: &from) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(descriptor, bytes.baseAddress, bytes.count, 0, $0, &length) }
            }
        }
        guard count > 0 else { return nil }
        return (Array(buffer.prefix(count)), from)
    }

    func send(_ datagram: [UInt8], to address: sockaddr_in) {
        var address = address
        _ = datagram.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    func close() { _ = Glibc.close(descriptor) }

    /// Closes the socket and returns its port, for a tool that binds its own.
    func releasingPort() -> UInt16 {
        close()
        return port
    }
}

extension sockaddr_in {
    /// 127.0.0.1:`port`.
    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return address
    }
}
