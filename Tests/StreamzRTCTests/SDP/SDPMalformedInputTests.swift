import Testing
@testable import StreamzRTC

@Suite("SDP malformed input")
struct SDPMalformedInputTests {
    @Test("clear errors with the line number", arguments: [
        ("", 0, "no v="),
        ("o=- 1 1 IN IP4 0.0.0.0\r\n", 1, "first line must be v=0"),
        ("v=1\r\n", 1, "unsupported version"),
        ("v=0\r\n", 0, "no o="),
        ("v=0\r\no=- 1 1 IN IP4\r\n", 2, "o= needs 6 fields"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nm=video\r\n", 4, "m= needs"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=video x RTP/AVP 96\r\n", 3, "not a port number"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=video 70000 RTP/AVP 96\r\n", 3, "not a port number"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=video 9/x RTP/AVP 96\r\n", 3, "port count"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nc=IN IP4\r\n", 3, "c= needs 3 fields"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nhello world\r\n", 3, "expected <letter>=<value>"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n=x\r\n", 3, "expected <letter>=<value>"),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nv=0\r\n", 3, "second v="),
        ("\u{FEFF}v=0\r\n", 1, "expected <letter>=<value>"),
    ] as [(String, Int, String)])
    func rejects(text: String, line: Int, reason: String) {
        #expect {
            _ = try SessionDescription(parsing: text)
        } throws: { error in
            guard let error = error as? SDPParseError else { return false }
            return error.line == line && error.reason.contains(reason)
        }
    }

    @Test("truncations of a real offer either parse or throw a parse error")
    func truncations() throws {
        let text = try SDPFixtures.text("chrome-offer.sdp")
        let bytes = Array(text.utf8)
        // Every 5th cut point (the parser is linear; this keeps the debug run short).
        for length in stride(from: 0, to: bytes.count, by: 5) {
            let prefix = Array(bytes[..<length])
            switch Result(catching: { () throws(SDPParseError) in try SessionDescription(parsing: prefix) }) {
            case let .success(parsed):
                // Whatever parsed must serialize and parse back to itself.
                #expect(try SessionDescription(parsing: parsed.sdpText) == parsed)
            case let .failure(error):
                #expect(error.line <= prefix.count(where: { $0 == 0x0A }) + 1)
            }
        }
        // Cut before the o= address, or inside an m= line's fields: no usable description.
        let address = try #require(text.range(of: " IN IP4 127.0.0.1\r\ns=-"))
        for length in 0...text.utf8.distance(from: text.utf8.startIndex, to: address.lowerBound) + " IN IP4".utf8.count {
            #expect(throws: SDPParseError.self) { try SessionDescription(parsing: Array(bytes[..<length])) }
        }
        let mLine = try #require(text.range(of: "m=video 52148 UDP/TLS/RTP/SAVPF"))
        let cut = text.utf8.distance(from: text.utf8.startIndex, to: mLine.lowerBound) + "m=video 5214".utf8.count
        #expect(throws: SDPParseError.self) { try SessionDescription(parsing: Array(bytes[..<cut])) }
    }

    @Test("random bytes never crash the parser", arguments: 0..<8)
    func randomBytes(seed: UInt64) {
        var generator = SeededRandom(seed: seed)
        for _ in 0..<200 {
            let count = Int(generator.next() % 300)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(throws: SDPParseError.self) { try SessionDescription(parsing: bytes) }
        }
    }

    @Test("random edits of a valid description never crash", arguments: 0..<4)
    func mutations(seed: UInt64) throws {
        let original = Array(try SDPFixtures.text("aiortc-offer.sdp").utf8)
        var generator = SeededRandom(seed: seed)
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + generator.next() % 8) {
                let position = Int(generator.next() % UInt64(bytes.count))
                bytes[position] = UInt8(truncatingIfNeeded: generator.next())
            }
            if let parsed = try? SessionDescription(parsing: bytes) {
                // Typed accessors must cope with whatever the lines now say.
                for media in parsed.media {
                    _ = (media.rtpMaps, media.extMaps, media.fingerprints, media.ssrcGroups, media.ssrcAttributes)
                    _ = media.payloadTypes.map { media.rtcpFeedback(for: $0) }
                }
                _ = try? ViewerAnswer(offer: parsed, wanting: [.video, .audio],
                                      local: SDPFixtures.localTransport(), sessionID: 1)
            }
        }
    }
}

