import Foundation
import Hummingbird
import StreamzProtocol

/// `/auth/*` and `/me` (PROTOCOL.md §2 "Auth").
struct AuthController {
    let auth: AuthService
    let accounts: AccountRepository
    let limiter: RateLimiter
    let now: @Sendable () -> Date

    /// Routes that need no access token.
    var publicEndpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("register") { request, context in
            let body = try await request.decodeWireBody(as: CredentialsRequest.self)
            try limit("register", email: body.email, context: context)
            return try Response.wire(try await auth.register(body), status: .created)
        }
        routes.post("login") { request, context in
            let body = try await request.decodeWireBody(as: CredentialsRequest.self)
            try limit("login", email: body.email, context: context)
            return try Response.wire(try await auth.login(body))
        }
        routes.post("refresh") { request, context in
            let body = try await request.decodeWireBody(as: RefreshTokenRequest.self)
            try limit("refresh", email: nil, context: context)
            return try Response.wire(try await auth.refresh(body))
        }
        routes.post("password/forgot") { request, context in
            let body = try await request.decodeWireBody(as: ForgotPasswordRequest.self)
            try limit("forgot", email: body.email, context: context)
            try await auth.forgotPassword(body)
            return Response(status: .accepted)
        }
        routes.post("password/reset") { request, context in
            let body = try await request.decodeWireBody(as: ResetPasswordRequest.self)
            try limit("reset", email: nil, context: context)
            try await auth.resetPassword(body)
            return Response(status: .noContent)
        }
        return routes
    }

    /// `POST /auth/logout` needs the access token of the refresh token's owner.
    var authenticatedEndpoints: RouteCollection<AuthenticatedContext> {
        let routes = RouteCollection(context: AuthenticatedContext.self)
        routes.post("auth/logout") { request, context in
            let body = try await request.decodeWireBody(as: RefreshTokenRequest.self)
            try await auth.logout(userId: context.userId, body)
            return Response(status: .noContent)
        }
        routes.get("me") { _, context in
            guard let user = try await accounts.user(id: context.userId) else { throw APIError.unauthorized }
            return try Response.wire(UserResponse(user: user.user))
        }
        return routes
    }

    /// Per client address and per (normalised) email, each its own bucket per endpoint.
    private func limit(_ endpoint: String, email: String?, context: AppRequestContext) throws {
        var keys = ["\(endpoint) address \(context.clientAddress ?? "unknown")"]
        if let email { keys.append("\(endpoint) email \(email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())") }
        try limiter.attempt(keys: keys, at: now())
    }
}
