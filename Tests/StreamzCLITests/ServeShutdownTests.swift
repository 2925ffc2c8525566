import Foundation
import StreamzClient
import StreamzTestSupport
import Testing

/// `streamz serve` on SIGTERM with the connections real clients leave open.
/// Before the fix in DECISIONS.md ("Graceful shutdown") a connection that
/// never sent a request kept the process alive for good, every time.
@Suite("streamz serve shutdown", .serialized)
struct ServeShutdownTests {
    /// Far above a healthy shutdown (well under a second with clients that
    /// answer the close, the hub's 2 s close grace with one that does not).
    static let bound: Duration = .seconds(10)

    @Test("SIGTERM ends serve promptly with idle connections and an idle WebSocket open; the socket gets 1001")
    func sigtermWithIdleConnections() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let client = APIClient(server: server.address)
        _ = try await client.register(email: "idle@example.org", password: MonitorHarness.password)
        let token = try #require(await client.session?.accessToken)

        // Opened first: once a later connection is served, the server has accepted this one (accept order).
        let silent = try RawConnection(port: server.port)
        let keptAlive = try RawConnection(port: server.port)
        try keptAlive.send("GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try await keptAlive.readResponse().status == "HTTP/1.1 200 OK")
        let viewer = try await RawConnection.webSocket(port: server.port)
        try viewer.sendText(#"{"type":"auth","token":"\#(token)","role":"viewer"}"#)
        #expect(await viewer.readFrames(until: { $0.text?.contains(#""type":"welcome""#) == true }).end == .satisfied)

        let ending = await server.terminate(within: Self.bound)
        #expect(ending == .exited(status: 0), "streamz serve did not exit by itself within \(Self.bound) of SIGTERM")
        #expect(await silent.readToEnd().end == .closed)
        #expect(await keptAlive.readToEnd().end == .closed)
        #expect(await viewer.readFrames(until: { $0.opcode == 0x8 }).frames.last?.closeCode == 1001)
    }
}
