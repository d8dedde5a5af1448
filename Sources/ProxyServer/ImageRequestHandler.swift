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

    private var negotiation: FormatNegotiation {
        FormatNegotiation(autoAVIF: configuration.autoAVIF, autoWebP: configuration.autoWebP)
    }

    func respond(to request: Request, context: some RequestContext) async -> Response {
        await answer(request, context: context) { try await render(request, start: $0) }
    }

    /// Answers `GET /info/{signature}/{source}`: the source's header as JSON (frames, delays, loop count, duration;
    /// codec, duration and rotation for video), signed like an image path.
    func respondWithInfo(to request: Request, context: some RequestContext) async -> Response {
        await answer(request, context: context) { start in
            let signed = try SignedRequestPath(request.uri.path.dropFirst("/info".count), signer: configuration.signer,
                                               presets: configuration.presets)
            let info = try await producer.info(for: signed.path.source, deadline: start + configuration.timeout)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Response(status: .ok, headers: [.contentType: "application/json",
                                                   .cacheControl: "public, max-age=\(configuration.cacheMaxAge)"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(info))))
        }
    }

    private func answer(_ request: Request, context: some RequestContext,
                        _ body: (ContinuousClock.Instant) async throws -> Response) async -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await body(start)
        } catch {
            let mapping = HTTPErrorMapping(error)
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
        let deadline = start + configuration.timeout
        var path = try SignedRequestPath(request.uri.path[...], signer: configuration.signer,
                                         presets: configuration.presets).path
        if let expires = path.options.expires, Date().timeIntervalSince1970 > Double(expires) {
            throw SourceError.expired
        }
        let varies = negotiation.varies(path.options)
        let negotiated = negotiation.format(for: path.options, accept: request.headers[.accept])
        if let negotiated { path.options.format = negotiated }
        let options = path.options
        let (result, hit) = try await producer.variant(for: path, negotiated: negotiated, deadline: deadline)
        var headers: HTTPFields = [
            .contentType: result.contentType,
            .cacheControl: "public, max-age=\(maxAge(options))",
            .eTag: result.etag,
            .lastModified: result.lastModified,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        if let name = configuration.cacheStatusHeader.flatMap({ HTTPField.Name($0) }) { headers[name] = hit ? "HIT" : "MISS" }
        if varies { headers[.vary] = "Accept" }
        if let disposition = contentDisposition(options, format: result.format) {
            headers[.contentDisposition] = disposition
        }
        if ConditionalRequest(request.headers).isNotModified(etag: result.etag, lastModified: result.lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        metrics.countResponseBytes(result.buffer.readableBytes)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: result.buffer))
    }

    private func maxAge(_ options: ProcessingOptions) -> Int {
        guard let expires = options.expires else { return configuration.cacheMaxAge }
        return max(0, min(configuration.cacheMaxAge, expires - Int(Date().timeIntervalSince1970)))
    }

    private func contentDisposition(_ options: ProcessingOptions, format: ImageFormat) -> String? {
        guard options.filename != nil || options.returnAttachment else { return nil }
        let base = (options.filename ?? "image").filter { $0.isLetter || $0.isNumber || "-_. ".contains($0) }
        let name = (base.isEmpty ? "image" : base) + "." + format.rawValue
        return "\(options.returnAttachment ? "attachment" : "inline"); filename=\"\(name)\""
    }

    func errorResponse(_ mapping: HTTPErrorMapping) -> Response {
        var headers: HTTPFields = [
            .contentType: "application/json",
            .cacheControl: "public, max-age=\(configuration.errorCacheMaxAge)",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        if mapping.status == .tooManyRequests { headers[.retryAfter] = "1" }
        return Response(status: mapping.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: mapping.body)))
    }
}
