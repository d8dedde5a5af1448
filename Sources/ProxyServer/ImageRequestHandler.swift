import Foundation
import HTTPTypes
import Hummingbird
import ImageOptions
import ImagePipeline
import ImageSources
import MediaFormats
import NIOCore
import Logging

/// Answers `GET|HEAD /{signature}/{options}/{source}`: verify, parse, fetch, process on the pool, answer.
struct ImageRequestHandler: Sendable {
    let configuration: ServerConfiguration
    let producer: VariantProducer
    let metrics: ServerMetrics
    /// Recent requests already read (shared with the cache-hit handler).
    let memo: QueryMemo
    let policy: AnswerPolicy

    func respond(to request: Request, context: ProxyRequestContext) async -> Response {
        await answer(request, context: context) { try await render(request, start: $0) }
    }

    /// Answers `GET /info/{signature}/{source}`: the source's header as JSON (frames, delays, loop count, duration;
    /// codec, duration and rotation for video), signed like an image path.
    func respondWithInfo(to request: Request, context: ProxyRequestContext) async -> Response {
        await answer(request, context: context) { start in
            let signed = try SignedRequestPath(request.uri.path.dropFirst("/info".count), query: nil,
                                               configuration: configuration)
            let info = try await producer.info(for: signed.path.source, deadline: start + configuration.timeout)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Response(status: .ok, headers: [.contentType: "application/json",
                                                   .cacheControl: "public, max-age=\(configuration.cacheMaxAge)"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(info))))
        }
    }

    /// Runs `body`, cancelled if the client leaves first (answered 499, as nginx logs it), and maps its errors.
    private func answer(_ request: Request, context: ProxyRequestContext,
                        _ body: @escaping @Sendable (ContinuousClock.Instant) async throws -> Response) async -> Response {
        let start = ContinuousClock.now
        var response: Response
        let presence = await ClientDepartureHandler.presence(on: context.channel)
        do {
            if let presence {
                response = try await presence.cancellingOnDeparture { try await body(start) }
            } else {
                response = try await body(start)
            }
        } catch {
            // Whatever the cancelled work threw (a cancelled fetch, a withdrawn place in line), the client left.
            let mapping = HTTPErrorMapping(presence?.isGone == true ? CancellationError() : error)
            response = errorResponse(mapping)
            context.logger.info("refused", metadata: ["status": "\(mapping.status.code)", "code": "\(mapping.code)",
                                                      "detail": "\(String(describing: error).prefix(300))"])
        }
        metrics.countRequest(status: response.status.code)
        metrics.record(.total, start.duration(to: .now))
        if request.method == .head {
            // Same headers as GET (Content-Length included), no body bytes.
            response.body = ResponseBody(contentLength: response.body.contentLength) { _ in }
        }
        return response
    }

    private func render(_ request: Request, start: ContinuousClock.Instant) async throws -> Response {
        let target = request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
        let query = try memo.query(target: target[...], accept: request.headers[.accept], configuration: configuration)
        if query.path.options.describeOnly {
            let meta = try await producer.meta(for: query.path, deadline: start + configuration.timeout)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(meta))))
        }
        let (result, hit) = try await producer.variant(for: query, deadline: start + configuration.timeout)
        let answer = ImageAnswer(result, query: query, hit: hit, requestHeaders: request.headers, policy: policy)
        var headers = answer.headers
        headers[Self.serverTiming] = "total;dur=" + String(format: "%.1f", Self.milliseconds(start.duration(to: .now)))
        guard answer.status == .ok else { return Response(status: answer.status, headers: headers) }
        metrics.countResponseBytes(result.buffer.readableBytes)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: result.buffer))
    }

    /// `Server-Timing: total;dur=MS` on answers the router renders or reads from disk (memory hits below the
    /// router send none: they take microseconds).
    static let serverTiming = HTTPField.Name("Server-Timing")!

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    func errorResponse(_ mapping: HTTPErrorMapping) -> Response {
        var headers: HTTPFields = [
            .contentType: "application/json",
            .cacheControl: "public, max-age=\(configuration.errorCacheMaxAge)",
            ImageAnswer.contentTypeOptions: "nosniff",
        ]
        if mapping.status == .tooManyRequests { headers[.retryAfter] = "1" }
        return Response(status: mapping.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: mapping.body)))
    }
}
