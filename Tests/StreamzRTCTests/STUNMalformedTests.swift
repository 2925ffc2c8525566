import Testing
@testable import StreamzRTC

@Suite("STUN parser refuses malformed input")
struct STUNMalformedTests {
    @Test("every truncation of the vectors throws")
    func truncations() {
        for vector in [STUNTestVectors.request, STUNTestVectors.ipv4Response, STUNTestVectors.ipv6Response] {
            for length in 0..<vector.count {
                #expect(throws: STUNParseError.self) { try STUNMessage(parsing: Array(vector.prefix(length))) }
            }
        }
    }

    @Test("specific corruptions give specific errors")
    func specificErrors() {
        var notSTUN = STUNTestVectors.request
        notSTUN[0] = 0x80
        #expect(throws: STUNParseError.notSTUN) { try STUNMessage(parsing: notSTUN) }
        var cookie = STUNTestVectors.request
        cookie[5] = 0
        #expect(throws: STUNParseError.badMagicCookie) { try STUNMessage(parsing: cookie) }
        var oddLength = STUNTestVectors.request
        oddLength[3] = 0x57
        #expect(throws: STUNParseError.badLength) { try STUNMessage(parsing: oddLength) }
        #expect(throws: STUNParseError.badLength) { try STUNMessage(parsing: STUNTestVectors.request + [0, 0, 0, 0]) }
        var family = STUNTestVectors.ipv4Response
        family[41] = 0x03
        #expect(throws: STUNParseError.malformedAttribute(type: STUNAttributeType.xorMappedAddress)) {
            try STUNMessage(parsing: family)
        }
        var trailing = STUNTestVectors.request
        trailing += [0x80, 0x22, 0, 0]
        trailing[3] += 4
        #expect(throws: STUNParseError.attributeAfterFingerprint) { try STUNMessage(parsing: trailing) }
    }

    @Test("invalid UTF-8 in USERNAME is refused")
    func badText() {
        var bytes = STUNTestVectors.request
        bytes[64] = 0xFF
        #expect(throws: STUNParseError.invalidText(type: STUNAttributeType.username)) { try STUNMessage(parsing: bytes) }
    }

    @Test("random bytes and random mutations never trap")
    func fuzz() {
        var generator = SeededRandom(seed: 0x5EED)
        var parsed = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                let length = Int.random(in: 0...120, using: &generator)
                bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if bytes.count >= 8, round % 4 == 0 {
                    // Give half of them a valid header so the attribute parser is exercised.
                    bytes[0] = 0; bytes[1] = 1
                    bytes[4] = 0x21; bytes[5] = 0x12; bytes[6] = 0xA4; bytes[7] = 0x42
                    let length = (bytes.count - 20) & ~3
                    if length >= 0 { bytes = Array(bytes.prefix(20 + length)); bytes[2] = 0; bytes[3] = UInt8(length) }
                }
            } else {
                bytes = [STUNTestVectors.request, STUNTestVectors.ipv4Response, STUNTestVectors.ipv6Response][round % 3]
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            if let message = try? STUNMessage(parsing: bytes) {
                parsed += 1
                _ = message.verifyFingerprint()
                _ = message.verifyIntegrity(key: [1])
                _ = message.verifyIntegritySHA256(key: [1])
            }
        }
        // Some mutations only touch values, so a share of them still parse.
        #expect(parsed > 0)
    }
}
