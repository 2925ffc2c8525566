import Testing
@testable import StreamzRTC

@Suite("STUN messages (RFC 8489) against the RFC 5769 vectors")
struct STUNMessageTests {
    let key = STUNCrypto.shortTermKey(password: STUNTestVectors.password)

    @Test("§2.1 sample request: attributes, integrity and fingerprint")
    func sampleRequest() throws {
        let message = try STUNMessage(parsing: STUNTestVectors.request)
        #expect(message.type == .bindingRequest)
        #expect(message.transactionID.description == "b7e7a701bc34d686fa87dfae")
        #expect(message.software == "STUN test client")
        #expect(message.priority == 0x6E00_01FF)
        #expect(message.iceControlled == 0x932F_F9B1_5126_3B36)
        #expect(message.username == "evtj:h6vY")
        #expect(message.verifyIntegrity(key: key))
        #expect(message.verifyFingerprint())
        #expect(!message.verifyIntegrity(key: Array("wrong".utf8)))
    }

    @Test("§2.2 sample IPv4 response: XOR-MAPPED-ADDRESS 192.0.2.1:32853")
    func ipv4Response() throws {
        let message = try STUNMessage(parsing: STUNTestVectors.ipv4Response)
        #expect(message.type == .bindingSuccess)
        #expect(message.software == "test vector")
        #expect(message.mappedAddress == TransportAddress(ip: .v4(192, 0, 2, 1), port: 32853))
        #expect(message.verifyIntegrity(key: key))
        #expect(message.verifyFingerprint())
    }

    @Test("§2.3 sample IPv6 response: XOR-MAPPED-ADDRESS over the transaction id")
    func ipv6Response() throws {
        let message = try STUNMessage(parsing: STUNTestVectors.ipv6Response)
        let expected = try #require(IPAddress("2001:db8:1234:5678:11:2233:4455:6677"))
        #expect(message.mappedAddress == TransportAddress(ip: expected, port: 32853))
        #expect(message.verifyIntegrity(key: key))
        #expect(message.verifyFingerprint())
    }

    @Test("§2.4 long-term credentials: MD5(username:realm:password) key verifies")
    func longTermRequest() throws {
        let message = try STUNMessage(parsing: STUNTestVectors.longTermRequest)
        #expect(message.username == "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}")
        #expect(message.realm == "example.org")
        #expect(message.nonce == "f//499k954d6OL34oL9FSTvy64sA")
        #expect(!message.hasFingerprint)
        let longTerm = STUNCrypto.longTermKey(username: try #require(message.username), realm: "example.org", password: "TheMatrIX")
        #expect(message.verifyIntegrity(key: longTerm))
        #expect(!message.verifyIntegrity(key: key))
    }

    @Test("RFC 8489 B.1: MESSAGE-INTEGRITY-SHA256 verifies with the SHA-256 long-term key")
    func sha256Request() throws {
        let message = try STUNMessage(parsing: STUNTestVectors.sha256Request)
        #expect(message.realm == "example.org")
        #expect(message.nonce == "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA")
        // USERHASH and PASSWORD-ALGORITHM are kept verbatim.
        #expect(message.attributes.contains { $0.type == 0x001E })
        #expect(message.attributes.contains(.other(type: 0x001D, value: [0, 2, 0, 0])))
        let username = "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}"
        let key = STUNCrypto.longTermKey(username: username, realm: "example.org", password: "TheMatrIX", algorithm: .sha256)
        #expect(message.verifyIntegritySHA256(key: key))
        #expect(!message.verifyIntegritySHA256(key: STUNCrypto.longTermKey(username: username, realm: "example.org", password: "TheMatrIX")))
        #expect(!message.verifyIntegrity(key: key))
    }

    @Test("encoding reproduces the vector's XOR-MAPPED-ADDRESS bytes and verifies")
    func encodeMatchesVector() throws {
        let parsed = try STUNMessage(parsing: STUNTestVectors.ipv6Response)
        let rebuilt = STUNMessage(
            type: parsed.type, transactionID: parsed.transactionID,
            attributes: [.software("test vector"), .xorMappedAddress(try #require(parsed.mappedAddress))])
        let bytes = rebuilt.encoded(integrityKey: key, fingerprint: true)
        #expect(bytes.count == STUNTestVectors.ipv6Response.count)
        // Software padding differs (the RFC pads with spaces, we with zeros), the rest matches.
        #expect(bytes[36..<60] == STUNTestVectors.ipv6Response[36..<60])
        let reparsed = try STUNMessage(parsing: bytes)
        #expect(reparsed.verifyIntegrity(key: key))
        #expect(reparsed.verifyFingerprint())
        #expect(reparsed.mappedAddress == parsed.mappedAddress)
    }

    @Test("every attribute kind round-trips through encode and parse")
    func roundTrip() throws {
        var generator = SeededRandom(seed: 7)
        let id = STUNTransactionID(using: &generator)
        let v6 = try #require(IPAddress("2001:db8::1"))
        let attributes: [STUNAttribute] = [
            .mappedAddress(TransportAddress(ip: .v4(10, 0, 0, 1), port: 9)),
            .xorMappedAddress(TransportAddress(ip: v6, port: 65535)),
            .username("a:b"), .errorCode(.roleConflict), .unknownAttributes([0x0031, 0x7FFF]),
            .software("streamz"), .realm("example.org"), .nonce("n0nce"), .priority(1_853_824_767),
            .useCandidate, .iceControlled(1), .iceControlling(UInt64.max), .other(type: 0xC001, value: [1, 2, 3]),
        ]
        let message = STUNMessage(type: .bindingError, transactionID: id, attributes: attributes)
        let parsed = try STUNMessage(parsing: message.encoded(integrityKey: [1, 2, 3], fingerprint: true))
        #expect(parsed.type == .bindingError)
        #expect(parsed.transactionID == id)
        #expect(Array(parsed.attributes.prefix(attributes.count)) == attributes)
        #expect(parsed.errorCode?.code == 487)
        #expect(parsed.verifyIntegrity(key: [1, 2, 3]))
        #expect(parsed.verifyFingerprint())
        #expect(parsed.unknownComprehensionRequired.isEmpty)
    }

    @Test("message type bits interleave method and class (RFC 8489 §5)")
    func messageTypes() {
        #expect(STUNMessageType.bindingRequest.rawValue == 0x0001)
        #expect(STUNMessageType.bindingIndication.rawValue == 0x0011)
        #expect(STUNMessageType.bindingSuccess.rawValue == 0x0101)
        #expect(STUNMessageType.bindingError.rawValue == 0x0111)
        let allocate = STUNMessageType(method: STUNMethod(rawValue: 0x003), messageClass: .errorResponse)
        #expect(STUNMessageType(rawValue: allocate.rawValue) == allocate)
    }

    @Test("a flipped bit breaks the fingerprint and the integrity")
    func tamperDetected() throws {
        var bytes = STUNTestVectors.request
        bytes[30] ^= 0x01
        let message = try STUNMessage(parsing: bytes)
        #expect(!message.verifyFingerprint())
        #expect(!message.verifyIntegrity(key: key))
    }

    @Test("unknown comprehension-required attributes are kept and reported")
    func unknownRequired() throws {
        var generator = SeededRandom(seed: 1)
        let message = STUNMessage(
            type: .bindingRequest, transactionID: STUNTransactionID(using: &generator),
            attributes: [.other(type: 0x0031, value: [9])])
        let parsed = try STUNMessage(parsing: message.encoded())
        #expect(parsed.unknownComprehensionRequired == [0x0031])
    }
}
