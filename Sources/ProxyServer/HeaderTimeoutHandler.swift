import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose first request head has not fully arrived within `timeout` of its opening, or whose
/// next head has not within `keepAlive` of the end of the previous answer. A slow-loris client dripping its head
/// a byte at a time, or one that opens connections and sends nothing, holds a connection for at most `timeout`;
/// a request being processed (head in, answer not yet finished) is never cut.
final class HeaderTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private let keepAlive: TimeAmount
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount, keepAlive: TimeAmount) {
        self.timeout = timeout
        self.keepAlive = keepAlive
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, after: timeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, after: timeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { disarm() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context, after: keepAlive) }
        context.write(data, promise: promise)
    }

    /// Starts the wait for the next head (again).
    private func arm(_ context: ChannelHandlerContext, after wait: TimeAmount) {
        disarm()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: wait) { channel.close(promise: nil) }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
