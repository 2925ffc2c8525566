import Testing
@testable import StreamzRTC

@Suite("DTLS transport handshake")
struct DTLSTransportTests {
    @Test("client and server connect and export mirrored SRTP keys")
    func handshake() throws {
        let pair = try DTLSTestPair()
        pair.start()
        pair.run(until: { pair.bothConnected })
        #expect(pair.bothConnected)
        let clientKeys = try #require(pair.client.keyingMaterial)
        let serverKeys = try #require(pair.server.keyingMaterial)
        // The most preferred profile wins when both offer everything.
        #expect(clientKeys.profile == .aeadAES128GCM)
        #expect(serverKeys.profile == .aeadAES128GCM)
        #expect(clientKeys.local == serverKeys.remote)
        #expect(clientKeys.remote == serverKeys.local)
        #expect(clientKeys.local != clientKeys.remote)
        #expect(clientKeys.local.key.count == 16 && clientKeys.local.salt.count == 12)
        #expect(pair.clientEvents == [.connected(clientKeys)])
        #expect(pair.serverEvents == [.connected(serverKeys)])
        #expect(pair.client.protocolVersion == "DTLSv1.2" && pair.server.protocolVersion == "DTLSv1.2")
        #expect(pair.client.cipherSuite == "ECDHE-ECDSA-AES128-GCM-SHA256")
        #expect(pair.server.cipherSuite == "ECDHE-ECDSA-AES128-GCM-SHA256")
        // No timer keeps running once both ends are done.
        #expect(pair.client.pollTimeout() == nil && pair.server.pollTimeout() == nil)
    }

    @Test("AES128_CM_SHA1_80 when the server supports only that")
    func cmProfile() throws {
        let pair = try DTLSTestPair(serverProfiles: [.aes128CMSHA1_80])
        pair.start()
        pair.run(until: { pair.bothConnected })
        let clientKeys = try #require(pair.client.keyingMaterial)
        #expect(clientKeys.profile == .aes128CMSHA1_80)
        #expect(clientKeys.local.key.count == 16 && clientKeys.local.salt.count == 14)
        #expect(pair.server.keyingMaterial?.remote == clientKeys.local)
    }

    @Test("every datagram respects the MTU")
    func mtu() throws {
        let pair = try DTLSTestPair()
        var largest = 0
        pair.dropFromClient = { _, datagram in largest = max(largest, datagram.count); return false }
        pair.dropFromServer = { _, datagram in largest = max(largest, datagram.count); return false }
        pair.start()
        pair.run(until: { pair.bothConnected })
        #expect(pair.bothConnected)
        #expect(largest > 0 && largest <= DTLSTransport.defaultMTU)
    }

    @Test("a small MTU fragments the flights; delivered backwards they still connect")
    func fragmentedAndReordered() throws {
        let mtu = 300
        let client = try DTLSTransport(
            role: .client, certificate: DTLSTestPair.clientCertificate,
            remoteFingerprint: DTLSTestPair.serverCertificate.fingerprint, mtu: mtu)
        let server = try DTLSTransport(
            role: .server, certificate: DTLSTestPair.serverCertificate,
            remoteFingerprint: DTLSTestPair.clientCertificate.fingerprint, mtu: mtu)
        client.start(now: .zero)
        var largest = 0
        var flights = 0
        var rounds = 0
        // RFC 6347 §4.2.3: handshake messages are fragmented to fit and
        // reassembled in any order, so flights arrive backwards here. Flights
        // with a ChangeCipherSpec keep their order: when the Finished overtakes
        // its ChangeCipherSpec, OpenSSL 3.0 waits for a retransmission (real
        // time, see DTLSTransport), which this clock-free loop never triggers.
        while !(client.state == .connected && server.state == .connected), rounds < 20 {
            rounds += 1
            for (from, to) in [(client, server), (server, client)] {
                var flight: [[UInt8]] = []
                while let datagram = from.pollTransmit() { flight.append(datagram) }
                largest = max(largest, flight.map(\.count).max() ?? 0)
                let changesCipher = flight.contains { DTLSRecordPacker.records(in: $0).contains { $0.first == 20 } }
                if !changesCipher, flight.count > 1 { flights += 1 }
                for datagram in changesCipher ? flight : flight.reversed() { to.handleDatagram(datagram, now: .zero) }
            }
        }
        #expect(client.state == .connected && server.state == .connected)
        #expect(flights > 0)
        #expect(largest <= mtu)
        #expect(client.keyingMaterial?.local == server.keyingMaterial?.remote)
    }

    @Test("a remote fingerprint under another RFC 8122 hash (sha-384) is checked under that hash")
    func otherHash() throws {
        let clientExpects = try #require(DTLSFingerprint.of(certificate: DTLSTestPair.serverCertificate.certificate, algorithm: .sha384))
        let pair = try DTLSTestPair(clientExpects: clientExpects)
        pair.start()
        pair.run(until: { pair.bothConnected })
        #expect(pair.bothConnected)
    }

    @Test("a wrong remote fingerprint fails with the reason, and the peer fails too")
    func fingerprintMismatch() throws {
        let stranger = try DTLSCertificate(unixTime: 1_790_000_000)
        let pair = try DTLSTestPair(clientExpects: stranger.fingerprint)
        pair.start()
        pair.run()
        #expect(pair.client.state == .failed(reason: "dtls_failed: fingerprint mismatch"))
        #expect(pair.clientEvents == [.failed(reason: "dtls_failed: fingerprint mismatch")])
        #expect(pair.client.keyingMaterial == nil)
        // The bad_certificate alert reaches the server, which never connects.
        guard case let .failed(reason) = pair.server.state else {
            Issue.record("server state \(pair.server.state)")
            return
        }
        #expect(reason.hasPrefix("dtls_failed: "))
        #expect(pair.server.keyingMaterial == nil)
    }

    @Test("the server checks the client's certificate as well")
    func serverSideMismatch() throws {
        let stranger = try DTLSCertificate(unixTime: 1_790_000_000)
        let pair = try DTLSTestPair(serverExpects: stranger.fingerprint)
        pair.start()
        pair.run()
        #expect(pair.server.state == .failed(reason: "dtls_failed: fingerprint mismatch"))
        #expect(pair.client.state != .connected || pair.server.keyingMaterial == nil)
        #expect(pair.server.keyingMaterial == nil)
    }

    /// OpenSSL's DTLS timer runs on the real clock (see DTLSTransport), so
    /// these two tests keep advancing the virtual clock to each deadline the
    /// transport reports until OpenSSL agrees the timer is due: no sleep, and
    /// the outcome does not depend on how fast the machine is. The 30 ms first
    /// timeout keeps that short while staying well above OpenSSL's 15 ms
    /// granularity, below which a flight would be duplicated right away.
    static let shortTimeout: Duration = .milliseconds(30)

    @Test("a lost first flight is retransmitted once the deadline passes")
    func lostClientHello() throws {
        let pair = try DTLSTestPair(initialRetransmissionTimeout: Self.shortTimeout)
        var retransmittedAt: Instant?
        pair.dropFromClient = { [unowned pair] index, _ in
            if index == 1 { retransmittedAt = pair.now }
            return index == 0
        }
        pair.start()
        let firstDeadline = try #require(pair.client.pollTimeout())
        #expect(firstDeadline <= Instant.zero + Self.shortTimeout)
        pair.run(until: { pair.bothConnected }, maxSteps: 1_000_000)
        #expect(pair.bothConnected)
        // The second ClientHello came from handleTimeout at (or after) the deadline.
        let retransmission = try #require(retransmittedAt)
        #expect(retransmission >= firstDeadline)
        #expect(pair.client.keyingMaterial?.local == pair.server.keyingMaterial?.remote)
    }

    @Test("a lost server flight is recovered too")
    func lostServerFlight() throws {
        let pair = try DTLSTestPair(initialRetransmissionTimeout: Self.shortTimeout)
        pair.dropFromServer = { index, _ in index == 0 }
        pair.start()
        pair.run(until: { pair.bothConnected }, maxSteps: 1_000_000)
        #expect(pair.bothConnected)
    }

    @Test("a lost final flight is resent when the client retransmits its own")
    func lostFinalFlight() throws {
        let pair = try DTLSTestPair(initialRetransmissionTimeout: Self.shortTimeout)
        // The server's last flight (ChangeCipherSpec and Finished, RFC 6347
        // §4.2.4) leaves once the server considers itself connected; lose it.
        // The server runs no timer for it: only the client's retransmitted
        // flight, answered from `handleDatagram` while connected, recovers it.
        var dropped = 0
        var clientSentBeforeDrop = 0
        pair.dropFromServer = { [unowned pair] _, _ in
            guard pair.server.state == .connected, dropped == 0 else { return false }
            dropped += 1
            clientSentBeforeDrop = pair.sentByClient
            return true
        }
        pair.start()
        pair.run(until: { pair.bothConnected }, maxSteps: 1_000_000)
        #expect(dropped == 1)
        #expect(pair.bothConnected)
        #expect(pair.sentByClient > clientSentBeforeDrop)
    }

    @Test("a seeded lossy network (20% loss both ways) still connects", arguments: UInt64(1)...6)
    func lossyNetwork(seed: UInt64) throws {
        let pair = try DTLSTestPair(initialRetransmissionTimeout: Self.shortTimeout)
        var generator = SeededRandom(seed: seed)
        let lose: (Int, [UInt8]) -> Bool = { _, _ in generator.next() % 5 == 0 }
        pair.dropFromClient = lose
        pair.dropFromServer = lose
        pair.start()
        pair.run(until: { pair.bothConnected }, maxSteps: 5_000_000)
        #expect(pair.bothConnected)
        #expect(pair.client.keyingMaterial?.local == pair.server.keyingMaterial?.remote)
    }

    @Test("garbage datagrams neither crash nor derail the handshake")
    func garbage() throws {
        let pair = try DTLSTestPair()
        var generator = SeededRandom(seed: 7)
        let garbage: [[UInt8]] = [
            [], [22], [22, 0xfe, 0xfd],
            // A record header claiming 65535 bytes, then nothing.
            [22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff],
            // A handshake record with a truncated body.
            [22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 0, 0],
        ] + (0..<50).map { _ in (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        for datagram in garbage {
            pair.server.handleDatagram(datagram, now: pair.now)
            pair.client.handleDatagram(datagram, now: pair.now)
        }
        #expect(pair.client.state == .new)
        pair.start()
        pair.run(until: { pair.bothConnected })
        #expect(pair.bothConnected)
        // And once connected.
        for datagram in garbage {
            pair.server.handleDatagram(datagram, now: pair.now)
            pair.client.handleDatagram(datagram, now: pair.now)
        }
        #expect(pair.bothConnected)
    }

    @Test("duplicates and random datagrams between handshake datagrams are tolerated")
    func interleaved() throws {
        let pair = try DTLSTestPair()
        var generator = SeededRandom(seed: 21)
        pair.beforeDelivery = { [unowned pair] receiver, datagram in
            // Random bytes with a first byte in the DTLS range before every datagram.
            let random = [UInt8(20 + generator.next() % 44)] + (0..<Int(generator.next() % 100)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            receiver.handleDatagram(random, now: pair.now)
        }
        // And every client datagram twice.
        pair.dropFromClient = { [unowned pair] _, datagram in pair.server.handleDatagram(datagram, now: pair.now); return false }
        pair.start()
        pair.run(until: { pair.bothConnected })
        #expect(pair.bothConnected)
        #expect(pair.client.keyingMaterial?.local == pair.server.keyingMaterial?.remote)
    }

    @Test("a corrupted handshake message fails the handshake cleanly on both sides")
    func corrupted() throws {
        let pair = try DTLSTestPair()
        // Epoch-0 handshake messages carry no MAC: a flipped byte in the server's
        // first flight is only caught by the signatures and Finished checks
        // (RFC 5246 §7.4.8, §7.4.9), which must turn it into a failure, not keys.
        pair.dropFromServer = { [unowned pair] index, datagram in
            guard index == 0 else { return false }
            // Flip the last byte of the Certificate message (handshake type 11):
            // the tail of the certificate's signature, so the DER still parses.
            var corrupted = datagram
            if let certificate = DTLSRecordPacker.records(in: datagram).first(where: { $0.count > 14 && $0[$0.startIndex + 13] == 11 }) {
                corrupted[certificate.endIndex - 1] ^= 0x5A
            }
            pair.client.handleDatagram(corrupted, now: pair.now)
            return true
        }
        pair.start()
        pair.run()
        #expect(!pair.bothConnected)
        #expect(pair.client.keyingMaterial == nil || pair.server.keyingMaterial == nil)
        guard case let .failed(reason) = pair.client.state else {
            Issue.record("client state \(pair.client.state)")
            return
        }
        // The certificate no longer hashes to the pinned fingerprint.
        #expect(reason == "dtls_failed: fingerprint mismatch")
        #expect(pair.server.state != .connected)
    }

    @Test("close sends close_notify and the peer reports closed")
    func close() throws {
        let pair = try DTLSTestPair()
        pair.start()
        pair.run(until: { pair.bothConnected })
        pair.client.close(now: pair.now)
        #expect(pair.client.state == .closed)
        pair.run()
        #expect(pair.server.state == .closed)
        #expect(pair.serverEvents.last == .closed)
        #expect(pair.clientEvents.last == .closed)
    }

    @Test("inputs after failure or close are ignored")
    func afterClose() throws {
        let pair = try DTLSTestPair()
        pair.client.close(now: .zero)
        pair.client.start(now: .zero)
        #expect(pair.client.state == .closed)
        #expect(pair.client.pollTransmit() == nil)
        #expect(pair.client.pollTimeout() == nil)
    }
}

