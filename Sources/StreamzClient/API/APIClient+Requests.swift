import Foundation
import StreamzProtocol

/// An answer read from the raw body rather than as wire JSON.
protocol RawBodyDecodable: Decodable {
    init(rawBody: Data) throws
}

/// The body of answers without one (204, 202): whatever comes is ignored.
struct NoContent: RawBodyDecodable, Sendable {
    init(rawBody: Data) {}
}

/// A text answer (the Prometheus exposition of `/metrics`).
struct PlainText: RawBodyDecodable, Sendable {
    var value: String

    init(rawBody: Data) throws {
        guard let text = String(data: rawBody, encoding: .utf8) else { throw PlainTextError.notUTF8 }
        value = text
    }

    enum PlainTextError: Error { case notUTF8 }
}

/// The body of requests without one.
struct NoBody: Encodable, Sendable {}

extension APIClient {
    /// An authenticated call: sends the current access token (refreshed first
    /// when about to expire); on `token_expired` refreshes once and retries.
    func authorized<Body: Encodable & Sendable, Answer: Decodable>(
        _ method: String, _ path: String, body: Body?
    ) async throws(StreamzAPIError) -> Answer {
        let token = try await validAccessToken()
        do {
            return try await call(method, server.api(path), body: body, bearer: token)
        } catch let error where error.code == ServerErrorCode.tokenExpired {
            // The server's clock runs ahead of ours, or the token was issued
            // long ago: one refresh, one retry, then the error stands.
            let fresh = try await refreshSession(replacing: token)
            return try await call(method, server.api(path), body: body, bearer: fresh.accessToken)
        }
    }

    /// An authenticated call without a request body.
    func authorized<Answer: Decodable>(_ method: String, _ path: String) async throws(StreamzAPIError) -> Answer {
        try await authorized(method, path, body: NoBody?.none)
    }

    /// One HTTP exchange: encodes `body` in the wire JSON, sends it, and
    /// decodes a 2xx answer as `Answer` or any other as the error body.
    func call<Body: Encodable & Sendable, Answer: Decodable>(
        _ method: String, _ url: String, body: Body?, bearer: String?
    ) async throws(StreamzAPIError) -> Answer {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
        var data: Data?
        if let body {
            do { data = try WireJSON.encoder().encode(body) } catch {
                throw .unexpectedResponse(status: 0, detail: "could not encode the request: \(error)")
            }
            headers.append(("Content-Type", "application/json"))
        }
        let response: HTTPExchangeResponse
        do {
            response = try await transport.perform(HTTPExchangeRequest(method: method, url: url, headers: headers, body: data))
        } catch {
            throw .network(String(describing: error))
        }
        guard (200..<300).contains(response.status) else { throw Self.serverError(from: response, now: now()) }
        do {
            if let raw = Answer.self as? any RawBodyDecodable.Type, let value = try raw.init(rawBody: response.body) as? Answer {
                return value
            }
            return try WireJSON.decoder().decode(Answer.self, from: response.body)
        } catch {
            throw .unexpectedResponse(status: response.status, detail: "the body is not a \(Answer.self): \(error)")
        }
    }

    /// The typed error of a non-2xx answer (PROTOCOL.md §1), keeping
    /// `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date).
    static func serverError(from response: HTTPExchangeResponse, now: Date) -> StreamzAPIError {
        guard let body = try? JSONDecoder().decode(ErrorBody.self, from: response.body) else {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            return .unexpectedResponse(status: response.status, detail: "no error body: \(text)")
        }
        let retryAfter = response.headers["retry-after"].flatMap { RetryAfter.parse($0, now: now) }
        return .server(
            ServerError(
                status: response.status, code: body.error.code, message: body.error.message, field: body.error.field,
                retryAfter: retryAfter))
    }
}

/// The `Retry-After` header (RFC 9110 §10.2.3).
enum RetryAfter {
    /// `120` or `Wed, 25 Nov 2026 20:00:00 GMT` as a delay from `now`;
    /// `nil` for anything else. A date in the past is no delay.
    static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let seconds = Int64(text) {
            return .seconds(seconds)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: text) else { return nil }
        return .seconds(max(0, Int64(date.timeIntervalSince(now).rounded(.up))))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
