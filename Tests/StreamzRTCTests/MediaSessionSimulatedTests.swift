import Testing
@testable import StreamzRTC

@Suite("Media sessions over a simulated network", .serialized)
struct MediaSessionSimulatedTests {
    @Test("5 % loss and 30 ms jitter: at least 95 % of frames decoded, NACKs sent and answered")
    func lossyNetwork() throws {
        let harness = try MediaSessionHarness(seed: 21, quality: .medium, loss: 0.05, delay: 10...40)
        try harness.run(for: .seconds(8))
        try harness.run(for: .milliseconds(600))
        let sent = harness.sender.stats(now: harness.network.now)
        let received = harness.receiver.stats(now: harness.network.now)
        print("sent \(sent)\nreceived \(received)")
        #expect(sent.framesSent > 200)
        #expect(Double(received.framesDecoded) >= 0.95 * Double(sent.framesSent))
        #expect(received.nacksSent > 0)
        #expect(sent.retransmissions > 0)
        #expect(received.retransmittedPacketsReceived > 0)
        #expect(received.width == 640 && received.height == 480)
    }
}
