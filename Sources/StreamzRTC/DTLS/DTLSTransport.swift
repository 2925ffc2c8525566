import COpenSSL
import CStreamzShims

/// DTLS 1.2 for DTLS-SRTP (RFC 5764) on OpenSSL memory BIOs, sans-IO.
///
/// The owner feeds it what arrives (`handleDatagram`) and the passing of
/// time (`handleTimeout`), then drains `pollTransmit`, `pollEvent` and
/// `pollTimeout`; nothing here touches a socket or reads the caller's clock.
///
/// Typical use by a peer (str0m style):
///
///     let dtls = try DTLSTransport(role: DTLSRole(localSetup: "active") ?? .server,
///                                  certificate: certificate,
///                                  remoteFingerprint: DTLSFingerprint(attributeValue: remoteSDPValue))
///     dtls.start(now: now)                        // once ICE is connected
///     dtls.handleDatagram(bytes, now: now)        // DatagramKind == .dtls
///     dtls.handleTimeout(now: now)                // when pollTimeout() has passed
///     while let datagram = dtls.pollTransmit() { /* send to the selected pair */ }
///     while let event = dtls.pollEvent() { /* .connected(keys) -> SRTPSender/SRTPReceiver */ }
///     let wakeUp = dtls.pollTimeout()
///
/// Retransmission and the two clocks: OpenSSL's DTLS timer reads the real
/// clock internally and offers no way to inject time. After every call the
/// transport asks OpenSSL how long until its next retransmission and maps
/// that onto the caller's `Instant`; `handleTimeout` calls into OpenSSL only
/// once the caller's time has reached that point. With the caller's clock
/// tracking real time (the runtime) both agree; if OpenSSL's clock says the
/// timer is not due yet, nothing is sent and the deadline is re-derived from
/// what OpenSSL reports. OpenSSL treats a timer with less than 15 ms left as
/// expired, so a first timeout below that (tests use 10 ms) makes the first
/// retransmission depend on the caller's clock alone.
///
/// Not Sendable: it owns an `SSL *`, which must be used from one thread at a time.
public final class DTLSTransport {
    public let role: DTLSRole
    /// Our certificate's fingerprint, for the local SDP.
    public let localFingerprint: DTLSFingerprint
    /// The fingerprint the peer's certificate must have (from the remote SDP).
    public let remoteFingerprint: DTLSFingerprint
    /// Largest datagram sent (DTLS records, without UDP/IP headers).
    public let mtu: Int

    public private(set) var state: DTLSState = .new
    /// SRTP keys, once connected.
    public private(set) var keyingMaterial: SRTPKeyingMaterial?

    private let context: DTLSContext
    private let connectionState: DTLSConnectionState
    /// `SSL *`, owned; freed exactly once in `deinit` together with both BIOs.
    private let ssl: OpaquePointer
    /// Memory BIOs owned by `ssl`: datagrams in, records out.
    private let readBIO: OpaquePointer
    private let writeBIO: OpaquePointer

    private var outgoing: [[UInt8]] = []
    private var events: [DTLSEvent] = []
    private var retransmitDeadline: Instant?

    /// RFC 6347 §4.2.4.1 recommends an initial retransmission timer of 1 s.
    public static let defaultInitialRetransmissionTimeout: Duration = .seconds(1)
    /// WebRTC keeps DTLS datagrams near 1200 bytes so they pass any path
    /// that carries the media (and TURN's framing) without IP fragmentation.
    public static let defaultMTU = 1200

    public init(
        role: DTLSRole,
        certificate: DTLSCertificate,
        remoteFingerprint: DTLSFingerprint,
        srtpProfiles: [SRTPProfile] = SRTPProfile.allCases,
        mtu: Int = DTLSTransport.defaultMTU,
        initialRetransmissionTimeout: Duration = DTLSTransport.defaultInitialRetransmissionTimeout
    ) throws(OpenSSLError) {
        let context = try DTLSContext(certificate: certificate, srtpProfiles: srtpProfiles)
        let microseconds = min(max(initialRetransmissionTimeout.totalNanoseconds / 1000, 1), Int64(DTLSConnectionState.maximumTimeoutMicroseconds))
        let connectionState = DTLSConnectionState(
            expectedFingerprint: remoteFingerprint, initialTimeoutMicroseconds: UInt32(microseconds))

        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.context) else { throw OpenSSLError.fromQueue("create the DTLS connection") }
        guard let readBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw OpenSSLError.fromQueue("create the read BIO")
        }
        guard let writeBIO = BIO_new(BIO_s_mem()) else {
            BIO_free(readBIO)
            SSL_free(ssl)
            throw OpenSSLError.fromQueue("create the write BIO")
        }
        // An empty memory BIO must read as "try again later", not end of stream.
        streamz_bio_set_mem_eof_retry(readBIO)
        streamz_bio_set_mem_eof_retry(writeBIO)
        // From here `ssl` owns both BIOs.
        SSL_set_bio(ssl, readBIO, writeBIO)
        // The memory BIO cannot report a path MTU; fix it and never ask.
        streamz_dtls_set_mtu(ssl, mtu)
        guard SSL_set_ex_data(ssl, DTLSConnectionState.exDataIndex, Unmanaged.passUnretained(connectionState).toOpaque()) == 1 else {
            SSL_free(ssl)
            throw OpenSSLError.fromQueue("attach the connection state")
        }
        DTLS_set_timer_cb(ssl, dtlsRetransmissionTimer)
        switch role {
        case .client: SSL_set_connect_state(ssl)
        case .server: SSL_set_accept_state(ssl)
        }

        self.role = role
        self.localFingerprint = certificate.fingerprint
        self.remoteFingerprint = remoteFingerprint
        self.mtu = mtu
        self.context = context
        self.connectionState = connectionState
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
    }

    deinit {
        // Frees both BIOs too; `connectionState` outlives the SSL because
        // stored properties are released after this body.
        SSL_free(ssl)
    }

    // MARK: - Inputs

    /// Begins the handshake: the client sends its ClientHello, the server
    /// starts waiting for one.
    public func start(now: Instant) {
        guard state == .new else { return }
        state = .connecting
        advanceHandshake(now: now)
    }

    /// Feeds one received DTLS datagram (RFC 7983 first byte 20-63).
    /// A server that receives a ClientHello before `start` starts implicitly.
    public func handleDatagram(_ datagram: [UInt8], now: Instant) {
        if state == .new, role == .server { state = .connecting }
        guard state == .connecting || state == .connected else { return }
        guard !datagram.isEmpty, datagram.count <= Int(Int32.max) else { return }
        OpenSSLErrorQueue.clear()
        let written = datagram.withUnsafeBytes { BIO_write(readBIO, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(datagram.count) else {
            fail(OpenSSLErrorQueue.drain(fallback: "could not buffer a received datagram"))
            finishCall(now: now)
            return
        }
        if state == .connecting {
            advanceHandshake(now: now)
        } else {
            readRecords(now: now)
        }
    }

    /// Lets time pass: retransmits the last flight if the deadline from
    /// `pollTimeout` has been reached (RFC 6347 §4.2.4).
    public func handleTimeout(now: Instant) {
        guard let deadline = retransmitDeadline, now >= deadline,
              state == .connecting || state == .connected
        else { return }
        OpenSSLErrorQueue.clear()
        if streamz_dtls_handle_timeout(ssl) < 0 {
            fail("retransmission failed: " + OpenSSLErrorQueue.drain(fallback: "handshake timed out"))
        }
        finishCall(now: now)
    }

    /// Closes the transport, sending close_notify (RFC 5246 §7.2.1) if connected.
    public func close(now: Instant) {
        switch state {
        case .connected:
            OpenSSLErrorQueue.clear()
            // 0 means "close_notify sent, the peer's not yet seen", all we want.
            _ = SSL_shutdown(ssl)
            OpenSSLErrorQueue.clear()
        case .new, .connecting:
            break
        case .failed, .closed:
            return
        }
        state = .closed
        events.append(.closed)
        finishCall(now: now)
    }

    /// The negotiated cipher suite's OpenSSL name once connected, e.g.
    /// "ECDHE-ECDSA-AES128-GCM-SHA256" (for statistics and logs).
    public var cipherSuite: String? {
        guard state == .connected, let cipher = SSL_get_current_cipher(ssl) else { return nil }
        return SSL_CIPHER_get_name(cipher).map { String(cString: $0) }
    }

    /// The negotiated protocol version once connected ("DTLSv1.2").
    public var protocolVersion: String? {
        guard state == .connected else { return nil }
        return SSL_get_version(ssl).map { String(cString: $0) }
    }

    // MARK: - Outputs

    /// The next datagram to send to the peer, if any.
    public func pollTransmit() -> [UInt8]? {
        outgoing.isEmpty ? nil : outgoing.removeFirst()
    }

    /// The next event, if any.
    public func pollEvent() -> DTLSEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    /// When `handleTimeout` should next be called; nil when no timer runs.
    public func pollTimeout() -> Instant? {
        retransmitDeadline
    }

    // MARK: - Driving OpenSSL

    private func advanceHandshake(now: Instant) {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            completeHandshake()
            // Records after the Finished in the same datagram, or a close_notify.
            if state == .connected { readRecords(now: now) } else { finishCall(now: now) }
            return
        }
        handleSSLResult(result)
        finishCall(now: now)
    }

    /// After the handshake: lets OpenSSL process alerts, retransmitted peer
    /// flights (answered by retransmitting our last one) and close_notify.
    /// Application data is read and dropped: there are no data channels.
    private func readRecords(now: Instant) {
        var scratch = [UInt8](repeating: 0, count: 2048)
        while state == .connected {
            OpenSSLErrorQueue.clear()
            let result = scratch.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
            if result > 0 { continue }
            handleSSLResult(result)
            break
        }
        finishCall(now: now)
    }

    private func handleSSLResult(_ result: Int32) {
        let error = SSL_get_error(ssl, result)
        switch error {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return
        case SSL_ERROR_ZERO_RETURN:
            // The peer's close_notify.
            state = .closed
            events.append(.closed)
        default:
            if connectionState.fingerprintMismatched {
                fail("fingerprint mismatch")
            } else {
                fail(OpenSSLErrorQueue.drain(fallback: "SSL error \(error)"))
            }
        }
    }

    private func completeHandshake() {
        // The verify callback must have pinned the peer's certificate; an
        // anonymous handshake must never yield SRTP keys.
        guard connectionState.fingerprintMatched, !connectionState.fingerprintMismatched else {
            fail(connectionState.fingerprintMismatched ? "fingerprint mismatch" : "peer certificate was not verified")
            return
        }
        guard let selected = SSL_get_selected_srtp_profile(ssl),
              let profile = SRTPProfile(protectionProfileID: selected.pointee.id)
        else {
            fail("no SRTP protection profile negotiated")
            return
        }
        let length = SRTPKeyingMaterial.exportLength(for: profile)
        var exported = [UInt8](repeating: 0, count: length)
        let label = Array(SRTPKeyingMaterial.exporterLabel.utf8)
        let status = label.withUnsafeBufferPointer { labelBytes in
            labelBytes.withMemoryRebound(to: CChar.self) { labelChars in
                SSL_export_keying_material(ssl, &exported, length, labelChars.baseAddress, labelChars.count, nil, 0, 0)
            }
        }
        guard status == 1 else {
            fail("keying material export failed: " + OpenSSLErrorQueue.drain(fallback: "no reason given"))
            return
        }
        do {
            let material = try SRTPKeyingMaterial(splitting: exported, profile: profile, isClient: role == .client)
            keyingMaterial = material
            state = .connected
            events.append(.connected(material))
        } catch {
            fail("keying material export failed: \(error)")
        }
    }

    private func fail(_ reason: String) {
        guard state == .connecting || state == .connected || state == .new else { return }
        let full = "dtls_failed: " + reason
        state = .failed(reason: full)
        events.append(.failed(reason: full))
    }

    /// Common tail of every input: queue what OpenSSL wrote (an alert too,
    /// after a failure), drop unread input so the next datagram starts clean,
    /// and re-derive the retransmission deadline.
    private func finishCall(now: Instant) {
        collectOutgoing()
        if BIO_ctrl_pending(readBIO) > 0 {
            _ = BIO_ctrl(readBIO, BIO_CTRL_RESET, 0, nil)
        }
        OpenSSLErrorQueue.clear()
        guard state == .connecting || state == .connected else {
            retransmitDeadline = nil
            return
        }
        let milliseconds = streamz_dtls_get_timeout_ms(ssl)
        retransmitDeadline = milliseconds >= 0 ? now + .milliseconds(milliseconds) : nil
    }

    private func collectOutgoing() {
        var data: UnsafeMutablePointer<CChar>?
        let length = streamz_bio_get_mem_data(writeBIO, &data)
        guard length > 0, let data else { return }
        let bytes = Array(UnsafeRawBufferPointer(start: data, count: length))
        _ = BIO_ctrl(writeBIO, BIO_CTRL_RESET, 0, nil)
        outgoing.append(contentsOf: DTLSRecordPacker.datagrams(from: bytes, mtu: mtu))
    }
}
