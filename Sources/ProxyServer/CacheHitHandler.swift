import Foundation
import HTTPTypes
import ImageOptions
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
    let policy: AnswerPolicy
    let clock = HTTPDateClock()

    /// The whole answer to `head` when it asks for an image held in memory; nil sends it on to the router (other
    /// routes, misses, bad paths and `Connection: close` alike).
    func answer(_ head: HTTPRequest) -> (HTTPResponse, ByteBuffer?)? {
        let start = ContinuousClock.now
        guard head.method == .get || head.method == .head, let target = head.path, target.hasPrefix("/"),
              !target.hasPrefix("/info/"), !target.hasPrefix("/admin/"),
              head.headerFields[.connection]?.lowercased().contains("close") != true,
              let query = try? memo.query(target: target[...],
                                          accept: head.headerFields[.accept],
                                          configuration: configuration),
              let result = results.memory.value(for: query.cacheKey) else { return nil }
        metrics.countCache(ResultCache.Tier.memory.rawValue)
        metrics.countHitBelowRouter()
        let (status, headers) = responseHead(for: query, result: result, request: head.headerFields)
        let sendsBody = status == .ok && head.method == .get
        if sendsBody { metrics.countResponseBytes(result.buffer.readableBytes) }
        metrics.countRequest(status: status.code)
        metrics.record(.total, start.duration(to: .now))
        return (HTTPResponse(status: status, headerFields: headers), sendsBody ? result.buffer : nil)
    }

    /// The status and headers of a hit: `ImageAnswer`'s, plus Content-Length, Date and Server. A plain hit (no
    /// validators in the request, no `exp:`) reuses the head prepared for the same result in the same second.
    private func responseHead(for query: ImageQuery, result: CachedResult,
                              request: HTTPFields) -> (HTTPResponse.Status, HTTPFields) {
        let date = clock.now
        let plain = query.path.options.expires == nil && request[.ifNoneMatch] == nil
            && request[.ifModifiedSince] == nil
        if plain, let fields = query.hitHead.fields(etag: result.etag, date: date) { return (.ok, fields) }
        let answer = ImageAnswer(result, query: query, hit: true, requestHeaders: request, policy: policy)
        var headers = answer.headers
        if answer.status == .ok { headers[.contentLength] = String(result.buffer.readableBytes) }
        headers[.date] = date
        headers[.server] = MediaProxyServer.serverName
        if let name = configuration.instanceName { headers[InstanceHeaderMiddleware.header] = name }
        if plain, answer.status == .ok { query.hitHead.keep(headers, etag: result.etag, date: date) }
        return (answer.status, headers)
    }
}
