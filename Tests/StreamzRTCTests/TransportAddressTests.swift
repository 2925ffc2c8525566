import Testing
@testable import StreamzRTC

@Suite("IP and transport addresses")
struct TransportAddressTests {
    @Test("IPv4 text round-trips", arguments: ["127.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.7"])
    func v4RoundTrip(text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == text)
        #expect(address.bytes.count == 4)
    }

    @Test("IPv6 text is written in RFC 5952 form", arguments: [
        ("::1", "::1"), ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"), ("fe80::1%eth0", "fe80::1"),
        ("2001:DB8::1", "2001:db8::1"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("::", "::"),
    ])
    func v6Canonical(input: String, expected: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.description == expected)
        #expect(address.bytes.count == 16)
    }

    @Test("garbage is refused", arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "x",
    ])
    func rejects(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("transport addresses print with brackets for IPv6")
    func transportDescription() throws {
        #expect(TransportAddress(ip: .loopbackV4, port: 3478).description == "127.0.0.1:3478")
        #expect(TransportAddress(ip: try #require(IPAddress("::1")), port: 9).description == "[::1]:9")
    }

    @Test("instants and durations add up")
    func instants() {
        let start = Instant(nanoseconds: 1_000)
        let later = start + .milliseconds(5)
        #expect(later - start == .milliseconds(5))
        #expect(later > start)
        #expect((later - start).milliseconds == 5)
    }
}
