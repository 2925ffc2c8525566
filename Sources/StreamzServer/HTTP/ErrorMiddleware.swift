import Foundation
import Hummingbird
import NIOCore
import StreamzProtocol

/// Turns every error into PROTOCOL.md §1's body. `APIError`s keep their
/// status and code; framework errors map to the nearest code; anything else
/// is logged and answered as `internal` without its details.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, context: context)
            if apiError.status == 401 { metrics.recordAuthFailure() }
            return Self.response(for: apiError)
        }
    }

    static func apiError(for error: any Error, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case is NIOTooManyBytesError:
            return .payloadTooLarge
        case let error as HTTPError:
            switch error.status {
            case .notFound, .methodNotAllowed: return .notFound
            case .contentTooLarge: return .payloadTooLarge
            case .badRequest: return .malformedJSON
            default: break
            }
        default:
            break
        }
        context.logger.error("internal error: \(String(reflecting: error))")
        return .internalError
    }

    static func response(for error: APIError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter = error.retryAfter { headers[.retryAfter] = String(retryAfter) }
        let data = (try? WireJSON.encoder().encode(error.body)) ?? Data(#"{"error":{"code":"internal","message":"Something went wrong on the server; try again."}}"#.utf8)
        return Response(
            status: HTTPResponse.Status(code: error.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
