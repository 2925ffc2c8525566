import Foundation
import Hummingbird
import StreamzProtocol

/// `/sessions` (PROTOCOL.md §2 "Sessions"). Starting and ending go through
/// the hub, which owns the live connections; reads come from the database.
struct SessionController {
    static let defaultLimit = 50
    static let maxLimit = 200

    let sessions: SessionRepository
    let control: any SessionControl

    var endpoints: RouteCollection<AuthenticatedContext> {
        let routes = RouteCollection(context: AuthenticatedContext.self)
        routes.post { request, context in
            let body = try await request.decodeWireBody(as: CreateSessionRequest.self)
            let connectionId = body.connectionId.trimmingCharacters(in: .whitespaces)
            guard !connectionId.isEmpty else {
                throw APIError.validation("connectionId", "connectionId is required: open the WebSocket and use the id from welcome.")
            }
            let session = try await control.startSession(
                ownerId: context.userId, deviceId: body.deviceId, type: body.type, quality: body.quality,
                viewerConnectionId: connectionId)
            return try Response.wire(SessionResponse(session: session), status: .created)
        }
        routes.get { request, context in
            let query = request.uri.queryParameters
            let deviceId = try query.get("deviceId").map { text in
                guard let id = UUID(uuidString: String(text)) else {
                    throw APIError.validation("deviceId", "deviceId must be a UUID.")
                }
                return id
            }
            let state = try query.get("state").map { text in
                guard let state = SessionState(rawValue: String(text)) else {
                    throw APIError.validation("state", "state must be one of requested, connecting, connected, ended, failed.")
                }
                return state
            }
            let limit = try query.get("limit").map { text in
                guard let limit = Int(String(text)), (1...Self.maxLimit).contains(limit) else {
                    throw APIError.validation("limit", "limit must be a whole number from 1 to \(Self.maxLimit).")
                }
                return limit
            } ?? Self.defaultLimit
            let list = try await sessions.sessions(ownerId: context.userId, deviceId: deviceId, state: state, limit: limit)
            return try Response.wire(SessionListResponse(sessions: list))
        }
        routes.get(":id") { _, context in
            guard let session = try await sessions.session(id: try Self.sessionId(context), ownerId: context.userId)
            else { throw APIError.notFound }
            return try Response.wire(SessionResponse(session: session))
        }
        routes.post(":id/end") { request, context in
            let id = try Self.sessionId(context)
            let body = try await request.decodeWireBody(as: EndSessionRequest.self, emptyDefault: EndSessionRequest())
            let reason = try Validation.shortText(body.reason, field: "reason", limit: 200)
            let session = try await control.endSession(ownerId: context.userId, sessionId: id, reason: reason)
            return try Response.wire(SessionResponse(session: session))
        }
        return routes
    }

    static func sessionId(_ context: AuthenticatedContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw APIError.notFound }
        return id
    }
}
