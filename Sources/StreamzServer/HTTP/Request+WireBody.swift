import Foundation
import Hummingbird
import NIOCore
import StreamzProtocol

extension Request {
    /// Decodes a JSON body of at most 64 KiB with the wire coding. A body
    /// that is not JSON (or not an object) is `malformed_json`; a missing,
    /// null or ill-typed field is `validation_failed` naming that field.
    func decodeWireBody<T: Decodable>(as type: T.Type, emptyDefault: T? = nil) async throws -> T {
        let limit = ServerConfiguration.maxBodySize
        if let length = headers[.contentLength].flatMap(Int.init), length > limit { throw APIError.payloadTooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.payloadTooLarge
        }
        if buffer.readableBytes == 0, let emptyDefault { return emptyDefault }
        do {
            return try WireJSON.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.validation(Self.fieldPath(context.codingPath + [key]), "\(key.stringValue) is required.")
        } catch let DecodingError.valueNotFound(_, context) where !context.codingPath.isEmpty {
            throw APIError.validation(Self.fieldPath(context.codingPath), "\(Self.fieldPath(context.codingPath)) must not be null.")
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw APIError.validation(Self.fieldPath(context.codingPath), "\(Self.fieldPath(context.codingPath)) has the wrong type.")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw APIError.validation(Self.fieldPath(context.codingPath), "\(Self.fieldPath(context.codingPath)) has a value that is not allowed.")
        } catch {
            throw APIError.malformedJSON
        }
    }

    private static func fieldPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

extension Response {
    /// A JSON answer in the wire coding (lowercase UUIDs, millisecond dates).
    static func wire(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try WireJSON.encoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
