import Hummingbird

/// Reads `Authorization: Bearer <accessToken>` and records the user id in the
/// context. A missing header leaves it unset (the child context then answers
/// 401); a present but bad token is refused at once with its own code.
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let verifier: any AccessTokenVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        var context = context
        context.userId = try await verifier.verifyAccessToken(String(parts[1]).trimmingCharacters(in: .whitespaces))
        return try await next(request, context)
    }
}
