import NIOCore
import NIOHTTP1

/// Closes a connection whose first request head has not fully arrived when
/// the server starts its graceful shutdown (NIO's `ChannelShouldQuiesceEvent`).
///
/// WHY: with the WebSocket upgrade channel, Hummingbird only adds its
/// `HTTPConnectionStateHandler` (which closes idle connections on quiesce)
/// once the first request head arrives, and NIO's upgrade handler ignores
/// the event. A connection that was opened but never carried a request, as
/// AsyncHTTPClient's pool leaves behind when concurrent calls are served
/// before its extra connection is up, was therefore never closed, and the
/// server's shutdown waited for it for good (a half-sent head too). Closing
/// an idle connection is what HTTP allows at any time (RFC 9112 §9.6); no
/// request reached the application, so none is cut short.
///
/// It sits after the HTTP decoder and leaves the pipeline at the first
/// request head: from then on Hummingbird's own handlers own the connection
/// (the state handler for plain requests, the WebSocket handler, which
/// closes on graceful shutdown, after an upgrade).
final class QuiesceBeforeFirstRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let isHead = if case .head = unwrapInboundIn(data) { true } else { false }
        context.fireChannelRead(data)
        if isHead {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension QuiesceBeforeFirstRequestHandler: Sendable {}
