import Testing
@testable import StreamzRTC

@Suite("DTLS fingerprints (RFC 8122 §5)")
struct DTLSFingerprintTests {
    static let sample = "sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2"

    @Test("parses and prints the SDP form")
    func roundTrip() throws {
        let fingerprint = try DTLSFingerprint(attributeValue: Self.sample)
        #expect(fingerprint.algorithm == .sha256)
        #expect(fingerprint.digest.first == 0x19 && fingerprint.digest.last == 0xA2)
        #expect(fingerprint.attributeValue == Self.sample)
        #expect(try DTLSFingerprint(hex: fingerprint.hexValue) == fingerprint)
    }

    @Test("hash name is case-insensitive, hex may be lowercase, output is uppercase")
    func caseHandling() throws {
        let fingerprint = try DTLSFingerprint(attributeValue: "SHA-256 " + Self.sample.dropFirst(8).lowercased())
        #expect(fingerprint.attributeValue == Self.sample)
    }

    @Test("pads single-digit bytes")
    func padding() throws {
        let fingerprint = try DTLSFingerprint(algorithm: .sha1, digest: Array(0..<20))
        #expect(fingerprint.hexValue.hasPrefix("00:01:02:03:04:05:06:07:08:09:0A:0B"))
        #expect(fingerprint.attributeValue.hasPrefix("sha-1 00:01"))
    }

    @Test("other RFC 8122 hash functions are accepted with their lengths")
    func algorithms() throws {
        for algorithm in DTLSFingerprint.Algorithm.allCases {
            let hex = Array(repeating: "AB", count: algorithm.digestLength).joined(separator: ":")
            let fingerprint = try DTLSFingerprint(attributeValue: "\(algorithm.rawValue) \(hex)")
            #expect(fingerprint.algorithm == algorithm)
        }
    }

    @Test("malformed values are refused", arguments: [
        ("", DTLSFingerprintError.malformedAttribute("")),
        ("sha-256", .malformedAttribute("sha-256")),
        ("sha-256 AB CD", .malformedAttribute("sha-256 AB CD")),
        ("md5 AB:CD", .unsupportedAlgorithm("md5")),
        ("sha-256 AB:CD", .wrongLength(expected: 32, actual: 2)),
        ("sha-256 AB::CD", .invalidHex("")),
        ("sha-256 AB:C", .invalidHex("C")),
        ("sha-256 AB:+F", .invalidHex("+F")),
        ("sha-256 AB:GG", .invalidHex("GG")),
        ("sha-256 ABC:D", .invalidHex("ABC")),
        ("sha-256 AB:", .invalidHex("")),
    ])
    func malformed(text: String, error: DTLSFingerprintError) {
        #expect(throws: error) { try DTLSFingerprint(attributeValue: text) }
    }

    @Test("random text never crashes the parser")
    func garbage() {
        var generator = SeededRandom(seed: 11)
        let alphabet = Array("sha-256 0123456789ABCDEFabcdefg:+ \u{00e9}")
        for _ in 0..<2000 {
            let text = String((0..<Int(generator.next() % 120)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            _ = try? DTLSFingerprint(attributeValue: text)
            _ = try? DTLSFingerprint(hex: text)
        }
    }

    @Test("setup roles: active is the client, passive the server")
    func roles() {
        #expect(DTLSRole(localSetup: "active") == .client)
        #expect(DTLSRole(localSetup: "passive") == .server)
        #expect(DTLSRole(localSetup: "actpass") == nil)
        #expect(DTLSRole(localSetup: "holdconn") == nil)
    }
}
