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
    /// When the connection closes unless a head has come; nil while a request is being processed.
    private var deadline: NIODeadline?
    /// The one scheduled check, and when it runs. It is moved only when a deadline comes earlier than it; a later
    /// deadline is found by the check, which then schedules itself again, so a keep-alive request costs no timer.
    private var check: (task: Scheduled<Void>, at: NIODeadline)?

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
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { deadline = nil }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context, after: keepAlive) }
        context.write(data, promise: promise)
    }

    /// Starts the wait for the next head (again).
    private func arm(_ context: ChannelHandlerContext, after wait: TimeAmount) {
        let newDeadline = NIODeadline.now() + wait
        deadline = newDeadline
        if let check, check.at <= newDeadline { return }
        schedule(context, at: newDeadline)
    }

    private func schedule(_ context: ChannelHandlerContext, at time: NIODeadline) {
        check?.task.cancel()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        check = (context.eventLoop.scheduleTask(deadline: time) {
            let (handler, context) = loopBound.value
            handler.expire(context)
        }, time)
    }

    /// The scheduled check: closes the connection if its deadline has passed, else waits for the deadline.
    private func expire(_ context: ChannelHandlerContext) {
        check = nil
        guard let deadline else { return }
        if deadline <= .now() {
            context.channel.close(promise: nil)
        } else {
            schedule(context, at: deadline)
        }
    }

    private func stop() {
        check?.task.cancel()
        check = nil
        deadline = nil
    }
}
