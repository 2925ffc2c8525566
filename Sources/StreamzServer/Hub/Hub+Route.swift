import Hummingbird
import HummingbirdWebSocket

extension Hub {
    /// Mounts the hub's WebSocket endpoint on a router. The application's
    /// server must upgrade with this router, e.g.
    /// `.quiescingHTTP1WebSocketUpgrade(webSocketRouter: router, configuration: HubConfiguration.webSocketServerConfiguration)`.
    public nonisolated func addRoutes<Context: WebSocketRequestContext>(to router: Router<Context>, path: RouterPath = "/api/v1/ws") {
        router.ws(path) { inbound, outbound, _ in
            await self.serve(inbound: inbound, outbound: outbound)
        }
    }
}
