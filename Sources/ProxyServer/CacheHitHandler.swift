import Foundation
import HTTPTypes
import ImageSources
import NIOCore
import NIOHTTPTypes

/// Answers memory-tier cache hits on the connection's event loop, in front of Hummingbird's router: the stored
/// body buffer is written as it is, after the same head the router's handler would write (`ImageAnswer`, plus
/// Content-Length, Date and Server). Every other request, a miss included, goes on to the router unchanged.
final class CacheHitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        /// Between requests.
        case idle
        /// This request was answered here: its body and end are dropped.
        case answered
        /// This request goes to the router.
        case passing
    }

    private var state = State.idle
    private let lookup: CacheHitLookup

    init(lookup: CacheHitLookup) {
        self.lookup = lookup
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch (state, part) {
        case (.idle, .head(let head)):
            guard let (response, body) = lookup.answer(head) else {
                state = .passing
                context.fireChannelRead(data)
                return
            }
            state = .answered
            context.write(wrapOutboundOut(.head(response)), promise: nil)
            if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case (.answered, .end):
            state = .idle
        case (.answered, _):
            break
        case (_, .end):
            state = .idle
            context.fireChannelRead(data)
        default:
            context.fireChannelRead(data)
        }
    }
}

/// What the cache-hit handler needs: the configuration, the result cache's memory tier and the metrics.
struct CacheHitLookup: Sendable {
    let configuration: ServerConfiguration
    let results: ResultCache
    let metrics: ServerMetrics
    /// Shared with the router's handler, which then reads a miss only once.
    let memo: QueryMemo

    /// The whole answer to `head` when it asks for an image held in memory; nil sends it on to the router (other
    /// routes, misses, bad paths and `Connection: close` alike).
    func answer(_ head: HTTPRequest) -> (HTTPResponse, ByteBuffer?)? {
        let start = ContinuousClock.now
        guard head.method == .get || head.method == .head, let target = head.path, target.hasPrefix("/"),
              !target.hasPrefix("/info/"), !target.hasPrefix("/admin/"),
              head.headerFields[.connection]?.lowercased().contains("close") != true,
              let query = try? memo.query(rawPath: target.prefix { $0 != "?" }, accept: head.headerFields[.accept],
                                          configuration: configuration),
              let result = results.memory.value(for: query.cacheKey) else { return nil }
        metrics.countCache(ResultCache.Tier.memory.rawValue)
        metrics.countHitBelowRouter()
        let answer = ImageAnswer(result, query: query, hit: true, requestHeaders: head.headerFields,
                                 configuration: configuration)
        var headers = answer.headers
        if answer.status == .ok { headers[.contentLength] = String(result.buffer.readableBytes) }
        headers[.date] = HTTPDate.format(Date())
        headers[.server] = MediaProxyServer.serverName
        let sendsBody = answer.status == .ok && head.method == .get
        if sendsBody { metrics.countResponseBytes(result.buffer.readableBytes) }
        metrics.countRequest(status: answer.status.code)
        metrics.record(.total, start.duration(to: .now))
        return (HTTPResponse(status: answer.status, headerFields: headers), sendsBody ? result.buffer : nil)
    }
}
