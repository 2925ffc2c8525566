import Hummingbird

/// CORS by allowlist (`--cors-origin`, none by default). A request whose
/// `Origin` is on the list gets it echoed back; any other origin gets no CORS
/// headers, so browsers refuse to hand the answer to that page. Preflights
/// from listed origins are answered here with 204.
struct CORSAllowlistMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>
    static var allowedMethods: String { "GET, POST, PATCH, DELETE, OPTIONS" }
    static var allowedHeaders: String { "Authorization, Content-Type" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = allowedOrigins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else { return Response(status: .forbidden) }
            var response = Response(status: .noContent)
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowMethods] = Self.allowedMethods
            response.headers[.accessControlAllowHeaders] = Self.allowedHeaders
            response.headers[.accessControlMaxAge] = "600"
            response.headers[.vary] = "Origin"
            return response
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = "Retry-After"
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
