import NIOCore
import NIOHTTPTypes

/// Tells a connection's `ClientPresence` when the client leaves: it closes its side (end of file; the server
/// allows half-closed connections, so this is all it sees of a viewer that gave up) or the connection closes. As in
/// nginx (499), a client that closes its side while waiting for an answer is taken to have gone.
final class ClientDepartureHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let presence = ClientPresence()

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event { presence.depart() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        presence.depart()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        presence.depart()
    }

    /// The presence of the client on `channel`, or nil when the handler is not in its pipeline.
    static func presence(on channel: any Channel) async -> ClientPresence? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ClientDepartureHandler.self).presence
        }.get()
    }
}
