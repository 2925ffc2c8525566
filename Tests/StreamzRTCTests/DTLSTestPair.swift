@testable import StreamzRTC

/// Two DTLS transports wired back to back through an in-process "network"
/// with a virtual clock: datagrams are delivered one at a time, and when none
/// is in flight the clock jumps to the earliest retransmission deadline.
final class DTLSTestPair {
    let client: DTLSTransport
    let server: DTLSTransport
    private(set) var now = Instant.zero
    private(set) var clientEvents: [DTLSEvent] = []
    private(set) var serverEvents: [DTLSEvent] = []
    /// Datagrams each side sent, in order, counted from 0 (including dropped ones).
    private(set) var sentByClient = 0
    private(set) var sentByServer = 0
    /// Returns true to drop the n-th datagram a side sends. Closures that use
    /// the pair must capture it `[unowned pair]` (the pair owns them).
    var dropFromClient: (Int, [UInt8]) -> Bool = { _, _ in false }
    var dropFromServer: (Int, [UInt8]) -> Bool = { _, _ in false }
    /// Called before each delivery with the receiving transport; lets a test
    /// slip extra datagrams (garbage, duplicates) in.
    var beforeDelivery: (DTLSTransport, [UInt8]) -> Void = { _, _ in }

    static let clientCertificate = try! DTLSCertificate(unixTime: 1_790_000_000)
    static let serverCertificate = try! DTLSCertificate(unixTime: 1_790_000_000)

    init(
        clientExpects: DTLSFingerprint = DTLSTestPair.serverCertificate.fingerprint,
        serverExpects: DTLSFingerprint = DTLSTestPair.clientCertificate.fingerprint,
        clientProfiles: [SRTPProfile] = SRTPProfile.allCases,
        serverProfiles: [SRTPProfile] = SRTPProfile.allCases,
        initialRetransmissionTimeout: Duration = DTLSTransport.defaultInitialRetransmissionTimeout
    ) throws {
        client = try DTLSTransport(
            role: .client, certificate: Self.clientCertificate, remoteFingerprint: clientExpects,
            srtpProfiles: clientProfiles, initialRetransmissionTimeout: initialRetransmissionTimeout)
        server = try DTLSTransport(
            role: .server, certificate: Self.serverCertificate, remoteFingerprint: serverExpects,
            srtpProfiles: serverProfiles, initialRetransmissionTimeout: initialRetransmissionTimeout)
    }

    func start() {
        server.start(now: now)
        client.start(now: now)
    }

    /// Shuttles until both sides are quiet and settled, or `maxSteps` passes.
    /// Returns the number of steps taken.
    @discardableResult
    func run(until done: () -> Bool = { false }, maxSteps: Int = 500) -> Int {
        for step in 0..<maxSteps {
            collectEvents()
            if done() { return step }
            if let datagram = client.pollTransmit() {
                defer { sentByClient += 1 }
                if !dropFromClient(sentByClient, datagram) {
                    beforeDelivery(server, datagram)
                    server.handleDatagram(datagram, now: now)
                }
                continue
            }
            if let datagram = server.pollTransmit() {
                defer { sentByServer += 1 }
                if !dropFromServer(sentByServer, datagram) {
                    beforeDelivery(client, datagram)
                    client.handleDatagram(datagram, now: now)
                }
                continue
            }
            let deadlines = [client.pollTimeout(), server.pollTimeout()].compactMap { $0 }
            guard let next = deadlines.min() else { return step }
            if next > now { now = next }
            client.handleTimeout(now: now)
            server.handleTimeout(now: now)
        }
        collectEvents()
        return maxSteps
    }

    var bothConnected: Bool { client.state == .connected && server.state == .connected }

    private func collectEvents() {
        while let event = client.pollEvent() { clientEvents.append(event) }
        while let event = server.pollEvent() { serverEvents.append(event) }
    }
}
