import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every route. It is also a WebSocket context so the
/// hub's `/api/v1/ws` upgrade lives on the same router as the REST API.
public struct AppRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// The peer's IP address, the key of per-client rate limits; `nil` in
    /// router tests, which have no socket.
    public let clientAddress: String?
    /// Set by `BearerAuthenticator` once the access token checks out.
    public var userId: UUID?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        clientAddress = source.channel.remoteAddress?.ipAddress
        userId = nil
    }

    /// PROTOCOL.md §2: request bodies are at most 64 KiB.
    public var maxUploadSize: Int { ServerConfiguration.maxBodySize }
}

/// The context of routes behind authentication: the user id is not optional,
/// so a handler cannot forget to check it.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let userId: UUID
    public let clientAddress: String?

    public init(context: AppRequestContext) throws {
        guard let userId = context.userId else { throw APIError.unauthorized }
        coreContext = context.coreContext
        self.userId = userId
        clientAddress = context.clientAddress
    }

    public var maxUploadSize: Int { ServerConfiguration.maxBodySize }
}
