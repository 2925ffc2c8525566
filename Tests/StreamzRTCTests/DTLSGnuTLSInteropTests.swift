import Foundation
import Testing
@testable import StreamzRTC

#if canImport(Glibc)
import Glibc
#endif

private let gnutlsCLI = "/usr/bin/gnutls-cli"
private let gnutlsServ = "/usr/bin/gnutls-serv"

/// Interoperability with an independent DTLS implementation, GnuTLS (Debian
/// package gnutls-bin), over UDP on 127.0.0.1: handshake in both roles,
/// use_srtp negotiation, fingerprints both ways, and (as server) that the
/// keying material gnutls-cli exports equals what our role split reassembles
/// to (RFC 5764 §4.2). GnuTLS 3.7 knows only the AES-CM SRTP profiles.
/// `make test` installs gnutls-bin; elsewhere the suite runs only where it is
/// installed, and under CI a missing tool fails instead of skipping.
@Suite(
    "DTLS interop with GnuTLS",
    .enabled(if: InteropPython.required
        || (FileManager.default.isExecutableFile(atPath: gnutlsCLI) && FileManager.default.isExecutableFile(atPath: gnutlsServ))),
    .serialized)
final class DTLSGnuTLSInteropTests {
    let directory: URL
    let peerCertificate: DTLSCertificate
    let ourCertificate: DTLSCertificate
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.appendingPathComponent("key.pem").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-dtls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let issued = Int64(Date().timeIntervalSince1970)
        peerCertificate = try DTLSCertificate(unixTime: issued)
        ourCertificate = try DTLSCertificate(unixTime: issued)
        try DTLSInteropSupport.writePEM(peerCertificate, certificatePath: certificatePath, keyPath: keyPath)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("as server: gnutls-cli connects and exports the same SRTP keys")
    func ourServer() throws {
        let socket = try UDPSocket()
        defer { socket.close() }
        let transport = try DTLSTransport(role: .server, certificate: ourCertificate, remoteFingerprint: peerCertificate.fingerprint)
        let (process, output) = try launch(gnutlsCLI, [
            "--udp", "--insecure", "--srtp-profiles=SRTP_AES128_CM_HMAC_SHA1_80",
            "--keymatexport=EXTRACTOR-dtls_srtp", "--keymatexportsize=60",
            "--x509certfile=\(certificatePath)", "--x509keyfile=\(keyPath)",
            "--port=\(socket.port)", "127.0.0.1",
        ])
        defer { stop(process) }

        DTLSInteropSupport.drive(transport, over: socket, peer: nil)
        #expect(transport.state == .connected)
        let keys = try #require(transport.keyingMaterial)
        #expect(keys.profile == .aes128CMSHA1_80)

        // gnutls-cli prints the exported material right after its handshake.
        let printed = DTLSInteropSupport.readUntilLine(containing: "Key material:", from: output)
        let exportedHex = try #require(printed.split(separator: "\n").first { $0.contains("Key material:") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces), "gnutls-cli printed:\n\(printed)")
        // We are the server: remote is the client's write key and salt.
        let reassembled = keys.remote.key + keys.local.key + keys.remote.salt + keys.local.salt
        #expect(exportedHex.uppercased() == reassembled.map { String(format: "%02X", $0) }.joined())
    }

    @Test("as client: gnutls-serv (with a cookie exchange) accepts us and we verify it")
    func ourClient() throws {
        // gnutls-serv picks its own socket: reserve a free port, release it, hand it over.
        let port = try UDPSocket().releasingPort()
        let (process, _) = try launch(gnutlsServ, [
            "--udp", "--echo", "--require-client-cert", "--srtp-profiles=SRTP_AES128_CM_HMAC_SHA1_80",
            "--x509certfile=\(certificatePath)", "--x509keyfile=\(keyPath)", "--port=\(port)",
        ])
        defer { stop(process) }

        let socket = try UDPSocket()
        defer { socket.close() }
        // gnutls-serv may not be listening yet when the first ClientHello leaves
        // (its banner sits in a pipe buffer): a short first retransmission
        // timeout covers that, in real time.
        let transport = try DTLSTransport(
            role: .client, certificate: ourCertificate, remoteFingerprint: peerCertificate.fingerprint,
            initialRetransmissionTimeout: .milliseconds(100))
        DTLSInteropSupport.drive(transport, over: socket, peer: .loopback(port: port))
        #expect(transport.state == .connected)
        #expect(transport.keyingMaterial?.profile == .aes128CMSHA1_80)
        #expect(transport.protocolVersion == "DTLSv1.2")
    }

    @Test("as client: a gnutls-serv with another certificate is refused")
    func fingerprintMismatch() throws {
        let port = try UDPSocket().releasingPort()
        let (process, _) = try launch(gnutlsServ, [
            "--udp", "--echo", "--srtp-profiles=SRTP_AES128_CM_HMAC_SHA1_80",
            "--x509certfile=\(certificatePath)", "--x509keyfile=\(keyPath)", "--port=\(port)",
        ])
        defer { stop(process) }

        let socket = try UDPSocket()
        defer { socket.close() }
        let transport = try DTLSTransport(
            role: .client, certificate: ourCertificate, remoteFingerprint: ourCertificate.fingerprint,
            initialRetransmissionTimeout: .milliseconds(100))
        DTLSInteropSupport.drive(transport, over: socket, peer: .loopback(port: port))
        #expect(transport.state == .failed(reason: "dtls_failed: fingerprint mismatch"))
    }

    private func launch(_ tool: String, _ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        // An open, silent standard input keeps the GnuTLS tools running.
        process.standardInput = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    private func stop(_ process: Process) {
        // The GnuTLS tools linger for seconds after SIGTERM; they have nothing left to say.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
