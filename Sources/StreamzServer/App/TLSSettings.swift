import Foundation
import HummingbirdTLS
import Logging
import NIOSSL

/// The server side of HTTPS/WSS: a PEM certificate chain and key from
/// `--tls-cert/--tls-key`, or with `--tls-self-signed` a fresh one made by
/// the `openssl` tool at start-up (browsers on phones only grant camera
/// access to secure origins, and a LAN server rarely has a real certificate).
enum TLSSettings {
    static func make(configuration: ServerConfiguration, logger: Logger) throws -> TLSConfiguration? {
        if let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath {
            return try load(certificatePath: certificatePath, keyPath: keyPath)
        }
        guard configuration.tlsSelfSigned else { return nil }
        let (certificatePath, keyPath) = try generateSelfSigned(host: configuration.host)
        logger.notice("serving TLS with a self-signed certificate: \(certificatePath)")
        return try load(certificatePath: certificatePath, keyPath: keyPath)
    }

    static func load(certificatePath: String, keyPath: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw ConfigurationError(message: "Cannot read the TLS certificate \(certificatePath) or key \(keyPath): \(error)")
        }
        guard !chain.isEmpty else { throw ConfigurationError(message: "\(certificatePath) holds no certificate.") }
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // How long a closing connection waits for the peer's close_notify
        // (RFC 8446 §6.1) before it lets the socket go: NIO's default is 5 s,
        // which a client that stopped reading made every shutdown wait out.
        // 2 s, like the hub's WebSocket close grace.
        tls.shutdownTimeout = .seconds(2)
        return tls
    }

    /// A P-256 certificate for `host` (plus localhost and 127.0.0.1), valid 30
    /// days, in a fresh 0700 folder under the temporary directory.
    static func generateSelfSigned(host: String) throws -> (certificate: String, key: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamz-tls-\(UUID().wireString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        var names = ["DNS:localhost", "IP:127.0.0.1"]
        if host != "localhost", host != "127.0.0.1", host != "0.0.0.0", host != "::" {
            names.append(host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? "IP:\(host)" : "DNS:\(host)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "30", "-subj", "/CN=streamz", "-addext", "subjectAltName=\(names.joined(separator: ","))",
            "-keyout", key, "-out", certificate,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ConfigurationError(message: "--tls-self-signed needs the openssl tool: \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ConfigurationError(message: "openssl could not make a self-signed certificate (exit \(process.terminationStatus)).")
        }
        return (certificate, key)
    }
}
