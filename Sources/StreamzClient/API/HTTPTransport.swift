import Foundation

/// One HTTP request as the API client builds it.
public struct HTTPExchangeRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data?
}

/// One HTTP answer: status, headers (names lower-cased) and the whole body.
public struct HTTPExchangeResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What the API client needs from an HTTP stack. A transport throws only for
/// requests that got no answer; every answer, error statuses included, is
/// returned for the client to interpret.
public protocol HTTPTransport: Sendable {
    func perform(_ request: HTTPExchangeRequest) async throws -> HTTPExchangeResponse
}
