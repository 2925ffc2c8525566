import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over swift-server's AsyncHTTPClient: the same NIO stack
/// and TLS configuration (NIOSSL) as the WebSocket client, so a server with a
/// private certificate is trusted the same way for REST and signalling.
public struct AsyncHTTPTransport: HTTPTransport {
    /// Answers larger than this are refused: the contract's bodies are small
    /// (device and session lists), so anything huge is not our server.
    public static let maxResponseBytes = 4 * 1024 * 1024

    private let client: HTTPClient
    private let timeout: TimeAmount

    /// `client` defaults to the process-wide shared client, which needs no
    /// shutdown. `timeout` bounds each request, connecting included:
    /// AsyncHTTPClient keeps retrying a refused connection until then, so it
    /// is also how long an unreachable server takes to report `.network`.
    public init(client: HTTPClient = .shared, timeout: Duration = .seconds(15)) {
        self.client = client
        let parts = timeout.components
        self.timeout = .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }

    public func perform(_ request: HTTPExchangeRequest) async throws -> HTTPExchangeResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(outgoing, timeout: timeout)
        let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return HTTPExchangeResponse(status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView))
    }
}
