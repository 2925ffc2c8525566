import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// Answers that are not the contract's shape, through a canned transport.
@Suite("API client: malformed answers and Retry-After")
struct APIClientDecodingTests {
    /// Answers every request with the same response and records what was sent.
    struct CannedTransport: HTTPTransport {
        let response: HTTPExchangeResponse

        func perform(_ request: HTTPExchangeRequest) async throws -> HTTPExchangeResponse { response }
    }

    static func client(status: Int, body: String, headers: [String: String] = [:]) throws -> APIClient {
        let response = HTTPExchangeResponse(status: status, headers: headers, body: Data(body.utf8))
        return APIClient(server: try ServerAddress("http://127.0.0.1:9"), transport: CannedTransport(response: response))
    }

    @Test func proxyPageIsAnUnexpectedResponse() async throws {
        let client = try Self.client(status: 502, body: "<html>Bad gateway</html>")
        await #expect(throws: StreamzAPIError.unexpectedResponse(status: 502, detail: "no error body: <html>Bad gateway</html>")) {
            _ = try await client.health()
        }
    }

    @Test(arguments: ["", "{", "{\"status\": 5}", "[1,2]", "\u{0}\u{1}garbage"])
    func malformedSuccessBodyIsAnUnexpectedResponse(body: String) async throws {
        let client = try Self.client(status: 200, body: body)
        do {
            _ = try await client.health()
            Issue.record("Expected a decoding failure")
        } catch .unexpectedResponse(let status, let detail) {
            #expect(status == 200)
            #expect(detail.contains("HealthResponse"))
        } catch {
            Issue.record("Expected .unexpectedResponse, got \(error)")
        }
    }

    @Test func retryAfterAsSecondsAndAsHTTPDate() async throws {
        let body = #"{"error":{"code":"rate_limited","message":"Slow down."}}"#
        let seconds = try Self.client(status: 429, body: body, headers: ["retry-after": "17"])
        let counted = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in _ = try await seconds.health() }
        #expect(counted.retryAfter == .seconds(17))
        #expect(counted.message == "Slow down.")
        #expect(counted.status == 429)

        let future = Date().addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let dated = try Self.client(status: 503, body: body, headers: ["retry-after": formatter.string(from: future)])
        let dateError = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in _ = try await dated.health() }
        let delay = try #require(dateError.retryAfter)
        #expect(delay > .seconds(3500) && delay <= .seconds(3601))

        let nonsense = try Self.client(status: 429, body: body, headers: ["retry-after": "soon"])
        let unparsed = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in _ = try await nonsense.health() }
        #expect(unparsed.retryAfter == nil)
    }

    @Test(arguments: ["", "ftp://host", "http://", "http://host?x=1", "http://host:70000", "not a url"])
    func badServerAddressesAreRefused(text: String) {
        #expect(throws: ServerAddressError.self) { try ServerAddress(text) }
    }

    @Test func serverAddressesNormalizeAndGiveTheWebSocketURL() throws {
        let plain = try ServerAddress("HTTP://LocalHost:8080/")
        #expect(plain.normalized == "http://localhost:8080")
        #expect(plain.webSocketURL == "ws://localhost:8080/api/v1/ws")
        let secure = try ServerAddress("https://streamz.example/base")
        #expect(secure.usesTLS)
        #expect(secure.webSocketURL == "wss://streamz.example/base/api/v1/ws")
    }
}
