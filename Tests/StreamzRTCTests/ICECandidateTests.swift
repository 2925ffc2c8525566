import Testing
@testable import StreamzRTC

@Suite("ICE candidate attribute parsing and priorities")
struct ICECandidateTests {
    @Test("Chrome's server-reflexive candidate with its extensions")
    func chromeSrflx() throws {
        let text = "candidate:842163049 1 udp 1677729535 192.0.2.3 61665 typ srflx raddr 10.0.0.1 rport 61665 generation 0 ufrag EEtu network-id 3 network-cost 10"
        let candidate = try ICECandidate(sdp: text)
        #expect(candidate.foundation == "842163049")
        #expect(candidate.component == 1)
        #expect(candidate.transport == .udp)
        #expect(candidate.priority == 1_677_729_535)
        #expect(candidate.address == TransportAddress(ip: .v4(192, 0, 2, 3), port: 61665))
        #expect(candidate.type == .serverReflexive)
        #expect(candidate.relatedHost == .ip(.v4(10, 0, 0, 1)) && candidate.relatedPort == 61665)
        #expect(candidate.generation == 0 && candidate.ufrag == "EEtu")
        #expect(candidate.networkID == 3 && candidate.networkCost == 10)
        #expect(candidate.extensions.isEmpty)
        #expect(candidate.sdpAttributeValue() == text)
        // Without the prefix, and as a whole SDP line.
        #expect(try ICECandidate(sdp: String(text.dropFirst("candidate:".count))) == candidate)
        #expect(try ICECandidate(sdp: "a=" + text + "\r\n") == candidate)
    }

    /// Gathered by Chromium 156 headless on this machine (mDNS on, then off).
    @Test("Chromium host candidates: mDNS names are kept unresolved, IPv4 and IPv6 parse", arguments: [
        "candidate:2486759425 1 udp 2113937151 9b28d543-e8c9-4a4b-9343-f00c7f86ddaa.local 50230 typ host generation 0 ufrag UlFr network-cost 999",
        "candidate:1600008673 1 udp 2113942271 270eb987-a832-4c59-bd95-cf3020bd9457.local 49193 typ host generation 0 ufrag UlFr network-cost 999",
        "candidate:1067740227 1 udp 2113937151 192.0.2.2 44319 typ host generation 0 ufrag vOfn network-cost 999",
        "candidate:4106399139 1 udp 2113942271 fd00::2 48193 typ host generation 0 ufrag vOfn network-cost 999",
    ])
    func chromiumHosts(text: String) throws {
        let candidate = try ICECandidate(sdp: text)
        #expect(candidate.type == .host)
        #expect(candidate.networkCost == 999)
        #expect(candidate.sdpAttributeValue() == text)
        if text.contains(".local") {
            #expect(candidate.host.isMDNS)
            #expect(candidate.address == nil)
        } else {
            #expect(candidate.address != nil)
        }
    }

    /// Written by aioice 0.10 (`Candidate.to_sdp()`); aiortc prefixes `candidate:` in its SDP.
    @Test("aiortc candidates, with 32-hex-digit foundations", arguments: [
        ("03d35637569d8a7bb781db0faf608539 1 udp 2130706431 192.0.2.1 40000 typ host", ICECandidateType.host),
        ("1ba6fac6d362b14e5f776a0b3a985550 1 udp 1694498815 198.51.100.7 40001 typ srflx raddr 10.0.0.1 rport 40000", .serverReflexive),
        ("16893dfba04efb4b632c146cfc811f40 1 udp 16777215 127.0.0.1 49160 typ relay raddr 127.0.0.1 rport 40000", .relay),
    ])
    func aiortc(text: String, type: ICECandidateType) throws {
        let candidate = try ICECandidate(sdp: "candidate:" + text)
        #expect(candidate.type == type)
        #expect(candidate.foundation.count == 32)
        #expect(candidate.sdpAttributeValue(withPrefix: false) == text)
        // aioice uses RFC 8445's recommended preferences with local preference 65535.
        #expect(candidate.priority == ICECandidate.priority(type: type))
    }

    @Test("TCP candidates with tcptype, Firefox's upper-case UDP and unknown extensions")
    func variants() throws {
        let tcp = try ICECandidate(sdp: "candidate:1876313031 1 tcp 1518280447 192.0.2.10 9 typ host tcptype active generation 0 ufrag EEtu network-id 1")
        #expect(tcp.transport == .tcp && tcp.tcpType == .active && tcp.port == 9)
        let passive = try ICECandidate(sdp: "candidate:2 1 TCP 1518280447 192.0.2.10 443 typ host tcptype passive")
        #expect(passive.tcpType == .passive)
        let firefox = try ICECandidate(sdp: "candidate:0 1 UDP 2122252543 192.0.2.5 50001 typ host")
        #expect(firefox.transport == .udp)
        let unknown = try ICECandidate(sdp: "candidate:1 1 udp 2122260223 192.0.2.5 50001 typ host  future-ext yes   generation 1 ")
        #expect(unknown.extensions == [ICECandidateExtension(name: "future-ext", value: "yes")])
        #expect(unknown.generation == 1)
        #expect(unknown.sdpAttributeValue() == "candidate:1 1 udp 2122260223 192.0.2.5 50001 typ host generation 1 future-ext yes")
    }

    @Test("malformed candidates throw specific errors", arguments: [
        ("", ICECandidateParseError.tooFewFields),
        ("candidate:1 1 udp 100 1.2.3.4 5 typ", .tooFewFields),
        ("candidate:1 1 udp 100 1.2.3.4 5 type host", .missingType),
        ("candidate:1 1 udp 100 1.2.3.4 5 typ bogus", .badType("bogus")),
        ("candidate:1 1 sctp 100 1.2.3.4 5 typ host", .badTransport("sctp")),
        ("candidate:1 0 udp 100 1.2.3.4 5 typ host", .badComponent("0")),
        ("candidate:1 1 udp 4294967296 1.2.3.4 5 typ host", .badPriority("4294967296")),
        ("candidate:1 1 udp 100 1.2.3.4 65536 typ host", .badPort("65536")),
        ("candidate:1 1 udp 100 1.2.3.4.5 5 typ host", .badAddress("1.2.3.4.5")),
        ("candidate:1 1 udp 100 a_b 5 typ host", .badAddress("a_b")),
        ("candidate:f!o 1 udp 100 1.2.3.4 5 typ host", .badFoundation("f!o")),
        ("candidate:1 1 udp 100 1.2.3.4 5 typ srflx raddr x_y rport 1", .badRelatedAddress("x_y")),
        ("candidate:1 1 udp 100 1.2.3.4 5 typ srflx raddr 1.2.3.4 rport -1", .badRelatedAddress("-1")),
        ("candidate:1 1 tcp 100 1.2.3.4 5 typ host tcptype sideways", .badTCPType("sideways")),
        ("candidate:1 1 udp 100 1.2.3.4 5 typ host generation", .danglingExtension("generation")),
        ("candidate:1 1 udp 100 1.2.3.4 5 typ srflx rport 9", .badRelatedAddress("rport without raddr")),
        ("candidate:1 1 udp 100 1.2.3.4 5 typ srflx raddr 1.2.3.4", .badRelatedAddress("raddr without rport")),
    ])
    func malformed(text: String, error: ICECandidateParseError) {
        #expect(throws: error) { try ICECandidate(sdp: text) }
    }

    @Test("random mutations of real candidates never trap")
    func fuzz() {
        var random = SeededRandom(seed: 99)
        let seeds = Array("candidate:842163049 1 udp 1677729535 192.0.2.3 61665 typ srflx raddr 10.0.0.1 rport 61665 generation 0 ufrag EEtu".utf8)
        let alphabet = Array("0123456789abcdef:. -typrsflxhocandiate\u{00e9}".utf8)
        for _ in 0..<5_000 {
            var bytes = seeds
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &random)], at: index)
                }
                if bytes.isEmpty { break }
            }
            if let candidate = try? ICECandidate(sdp: String(decoding: bytes, as: UTF8.self)) {
                // Whatever parses must format to something that parses to the same candidate.
                #expect((try? ICECandidate(sdp: candidate.sdpAttributeValue())) == candidate, "\(candidate.sdpAttributeValue())")
            }
        }
    }

    @Test("priorities follow RFC 8445 §5.1.2.1 and pair priorities §6.1.2.3")
    func priorities() {
        #expect(ICECandidate.priority(type: .host) == 2_130_706_431)
        #expect(ICECandidate.priority(type: .peerReflexive) == 1_862_270_975)
        #expect(ICECandidate.priority(type: .serverReflexive) == 1_694_498_815)
        #expect(ICECandidate.priority(type: .relay) == 16_777_215)
        #expect(ICECandidate.priority(type: .host, localPreference: 0, component: 2) == 2_113_929_470)
        #expect(iceCandidatePairPriority(controlling: 10, controlled: 20) == (10 << 32) + 40)
        #expect(iceCandidatePairPriority(controlling: 20, controlled: 10) == (10 << 32) + 41)
        // Out-of-range priorities from a peer are clamped to 2^31 - 1 instead of overflowing.
        let top = UInt64(Int32.max)
        #expect(iceCandidatePairPriority(controlling: .max, controlled: .max) == (top << 32) + 2 * top)
    }

    @Test("foundations are equal exactly when type, base, server and transport are (RFC 8445 §5.1.1.3)")
    func foundations() {
        let base = IPAddress.v4(10, 0, 0, 1)
        let server = TransportAddress(ip: .v4(192, 0, 2, 9), port: 3478)
        #expect(ICECandidate.foundation(type: .host, baseIP: base) == ICECandidate.foundation(type: .host, baseIP: base))
        #expect(ICECandidate.foundation(type: .host, baseIP: base) != ICECandidate.foundation(type: .serverReflexive, baseIP: base, server: server))
        #expect(ICECandidate.foundation(type: .host, baseIP: base) != ICECandidate.foundation(type: .host, baseIP: .v4(10, 0, 0, 2)))
        #expect(ICECandidate.foundation(type: .host, baseIP: base) != ICECandidate.foundation(type: .host, baseIP: base, transport: .tcp))
        let foundation = ICECandidate.foundation(type: .relay, baseIP: base, server: server)
        #expect(foundation.allSatisfy(\.isNumber) && (1...32).contains(foundation.count))
    }
}
