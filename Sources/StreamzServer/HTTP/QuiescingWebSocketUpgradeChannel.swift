import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 + WebSocket upgrade channel with
/// `QuiesceBeforeFirstRequestHandler` in front of NIO's upgrade handler, so
/// a connection that never sent a request cannot hold up graceful shutdown,
/// and a smaller first receive buffer.
struct QuiescingWebSocketUpgradeChannel: ServerChildChannel {
    typealias Value = HTTP1WebSocketUpgradeChannel.Value

    /// WHY: a socket channel keeps its receive buffer for reuse as long as it
    /// lives, and NIO's default starts it at 2 KiB. A WebSocket here mostly
    /// carries heartbeats of a few dozen bytes, so 1 KiB (which still holds
    /// a browser's upgrade request in one read) is plenty; the allocator
    /// still grows the buffer for a large message (up to NIO's 64 KiB).
    static let receiveAllocator = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 1024, maximum: 65536)

    let base: HTTP1WebSocketUpgradeChannel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // Runs on the channel's event loop: the base setup completes there.
            try channel.syncOptions?.setOption(ChannelOptions.recvAllocator, value: Self.receiveAllocator)
            let pipeline = channel.pipeline.syncOperations
            let upgrader = try pipeline.handler(
                type: NIOTypedHTTPServerUpgradeHandler<HTTP1WebSocketUpgradeChannel.UpgradeResult>.self)
            try pipeline.addHandler(QuiesceBeforeFirstRequestHandler(), position: .before(upgrader))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// `.http1WebSocketUpgrade(webSocketRouter:configuration:)` whose
    /// connections close on graceful shutdown even before their first request.
    public static func quiescingHTTP1WebSocketUpgrade<Context: WebSocketRequestContext>(
        webSocketRouter: Router<Context>, configuration: WebSocketServerConfiguration
    ) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        return HTTPServerBuilder { responder in
            QuiescingWebSocketUpgradeChannel(
                base: HTTP1WebSocketUpgradeChannel(
                    responder: responder, webSocketResponder: webSocketResponder, configuration: .init(ws: configuration)))
        }
    }
}
