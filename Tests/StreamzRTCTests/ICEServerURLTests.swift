import Testing
@testable import StreamzRTC

@Suite("ICE server URLs (RFC 7064, RFC 7065)")
struct ICEServerURLTests {
    @Test("stun and turn URLs parse with default and explicit ports, IPv6 in brackets, names kept for the resolver")
    func valid() throws {
        let stun = try ICEServerURL(parsing: "stun:127.0.0.1:3479")
        #expect(stun.scheme == .stun && stun.host == .ip(.loopbackV4) && stun.port == 3479 && stun.isSTUN)
        #expect(try ICEServerURL(parsing: "stun:stun.example.org").port == 3478)
        #expect(try ICEServerURL(parsing: "stun:stun.example.org").host == .name("stun.example.org"))
        #expect(try ICEServerURL(parsing: "stuns:stun.example.org").port == 5349)
        #expect(try !ICEServerURL(parsing: "stuns:stun.example.org").isSTUN)
        let v6 = try ICEServerURL(parsing: "stun:[::1]:3478")
        #expect(v6.host == .ip(try #require(IPAddress("::1"))) && v6.port == 3478)
        #expect(try ICEServerURL(parsing: "stun:[::1]").port == 3478)
        let turn = try ICEServerURL(parsing: "turn:turn.example.org:3478?transport=tcp")
        #expect(turn.scheme == .turn && turn.transport == .tcp && !turn.isSTUN)
        #expect(try ICEServerURL(parsing: "TURNS:10.0.0.1").port == 5349)
        #expect(turn.description == "turn:turn.example.org:3478?transport=tcp")
        #expect(v6.description == "stun:[::1]:3478")
        #expect(try ICEServerURL(parsing: v6.description) == v6)
    }

    @Test("garbage is refused with the reason", arguments: [
        ("127.0.0.1:3478", ICEServerURLError.unsupportedScheme("127.0.0.1")),
        ("nothing", .missingScheme("nothing")),
        ("http://x", .unsupportedScheme("http")),
        ("stun:", .badHost("")),
        ("stun:host:0", .badPort("0")),
        ("stun:host:70000", .badPort("70000")),
        ("stun:host:", .badPort("")),
        ("stun:a:b:c", .badHost("a:b:c")),
        ("stun:[::1", .badHost("[::1")),
        ("stun:[::1]x", .badHost("[::1]x")),
        ("stun:[127.0.0.1]", .badHost("127.0.0.1")),
        ("stun:ho st", .badHost("ho st")),
        ("stun:host?transport=udp", .badQuery("transport=udp")),
        ("turn:host?transport=sctp", .badQuery("transport=sctp")),
        ("turn:host?foo=bar", .badQuery("foo=bar")),
    ])
    func invalid(text: String, expected: ICEServerURLError) {
        #expect(throws: expected) { try ICEServerURL(parsing: text) }
    }

    @Test("random bytes never trap")
    func randomBytes() {
        var random = SeededRandom(seed: 77)
        let alphabet = Array("stunr:[]?=/.%0123456789abcdef ")
        for _ in 0..<2000 {
            let length = Int(random.next() % 24)
            let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            if let url = try? ICEServerURL(parsing: text) {
                #expect(url.port > 0)
            }
        }
    }
}
