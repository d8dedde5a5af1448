import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A real origin HTTP server on 127.0.0.1 for tests, serving files from a folder with misbehaviour on request:
///
/// - `/files/<path>`: the file (ETag, 304 on If-None-Match); `/nostore/files/<path>`: with `no-store`;
///   `/slow/<ms>/files/<path>`: after a delay; `/strict/files/<path>`: 400 when the
///   request carries a cookie, credentials, a referer or a forwarded address
/// - `/truncate/files/<path>`: announces the full length, sends half, drops the connection
/// - `/drop/files/<path>`: sends 100 bytes then drops the connection
/// - `/gated/files/<path>`, `/gated/truncate/files/<path>`: held until `gate.open()`
/// - `/stall/files/<path>`: the head and the first 128 bytes, the rest only after `gate.open()`
/// - `/redirect?to=<url>`: 302 to the URL; `/status/<code>`: that status; `/html`: a web page
/// - `/endless`: image-looking bytes forever, without Content-Length
/// - `/ranged/files/<path>`: the file in 64 KB writes a millisecond apart, honouring `Range: bytes=a-[b]` with 206; bytes written are
///   counted in `rangedBytesSent`
public final class TestOrigin: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let baseURL: String
    /// Requests served under /files, /nostore, /strict, /slow, /truncate and /drop.
    public let fileRequests = Atomic<Int>(0)
    /// 304 answers to If-None-Match under /files.
    public let notModifiedAnswers = Atomic<Int>(0)
    /// Bytes written under /ranged (a client that stops reading stops the count growing).
    public let rangedBytesSent = Atomic<Int>(0)
    /// Range requests answered under /ranged.
    public let rangeRequests = Atomic<Int>(0)
    /// Holds `/gated/...` answers until opened.
    public let gate = Gate()
    private let task: Task<Void, any Error>

    private init(baseURL: String, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.task = task
    }

    /// Starts serving `folder` on an ephemeral loopback port.
    public static func start(serving folder: URL) async throws -> TestOrigin {
        let counter = CounterBox()
        let router = Router()
        router.get("/files/**") { request, context in
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            let response = try fileResponse(folder, context.parameters.getCatchAll())
            if let tag = request.headers[.ifNoneMatch], tag == response.headers[.eTag] {
                counter.origin?.notModifiedAnswers.add(1, ordering: .relaxed)
                return Response(status: .notModified, headers: [.eTag: tag])
            }
            return response
        }
        router.get("/gated/files/**") { request, context in
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            await counter.origin?.gate.wait()
            return try fileResponse(folder, context.parameters.getCatchAll())
        }
        router.get("/gated/truncate/files/**") { request, context in
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            await counter.origin?.gate.wait()
            return truncatedResponse(try fileBytes(folder, context.parameters.getCatchAll()))
        }
        router.get("/nostore/files/**") { request, context in
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            var response = try fileResponse(folder, context.parameters.getCatchAll())
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.get("/strict/files/**") { request, context in
            // Refuses any request that carries something of the viewer's.
            for name in ["cookie", "authorization", "x-forwarded-for", "forwarded", "x-real-ip", "referer"]
            where request.headers[HTTPField.Name(name)!] != nil {
                return Response(status: .badRequest)
            }
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            return try fileResponse(folder, context.parameters.getCatchAll())
        }
        router.get("/slow/:ms/files/**") { request, context in
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            let delay = Int(context.parameters.get("ms") ?? "0") ?? 0
            try await Task.sleep(for: .milliseconds(delay))
            return try fileResponse(folder, context.parameters.getCatchAll())
        }
        router.get("/truncate/files/**") { request, context in
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            return truncatedResponse(try fileBytes(folder, context.parameters.getCatchAll()))
        }
        router.get("/drop/files/**") { request, context in
            counter.origin?.fileRequests.add(1, ordering: .relaxed)
            let bytes = try fileBytes(folder, context.parameters.getCatchAll())
            return Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(100)))
                throw CancellationError()
            })
        }
        router.get("/ranged/files/**") { request, context in
            let bytes = try fileBytes(folder, context.parameters.getCatchAll())
            var range = 0..<bytes.count
            var status = HTTPResponse.Status.ok
            if let header = request.headers[.range], header.hasPrefix("bytes=") {
                let parts = header.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 2, let start = Int(parts[0]), start < bytes.count else {
                    return Response(status: .rangeNotSatisfiable)
                }
                let end = Int(parts[1]).map { min($0 + 1, bytes.count) } ?? bytes.count
                range = start..<end
                status = .partialContent
                counter.origin?.rangeRequests.add(1, ordering: .relaxed)
            }
            var headers: HTTPFields = [.acceptRanges: "bytes"]
            if status == .partialContent {
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(bytes.count)"
            }
            let body = Array(bytes[range])
            return Response(status: status, headers: headers, body: ResponseBody(contentLength: body.count) { writer in
                var offset = 0
                while offset < body.count {
                    let next = min(offset + 65_536, body.count)
                    try await writer.write(ByteBuffer(bytes: body[offset..<next]))
                    counter.origin?.rangedBytesSent.add(next - offset, ordering: .relaxed)
                    offset = next
                    // At most ~64 MB/s, like a fast real origin: a client that stops reading is seen to stop.
                    try await Task.sleep(for: .milliseconds(1))
                }
                try await writer.finish(nil)
            })
        }
        router.get("/redirect") { request, _ in
            let target = request.uri.queryParameters.get("to") ?? "/"
            return Response(status: .found, headers: [.location: target])
        }
        router.get("/status/:code") { _, context in
            Response(status: HTTPResponse.Status(code: Int(context.parameters.get("code") ?? "500") ?? 500))
        }
        router.get("/html") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body>" + String(repeating: "x", count: 200) + "</body></html>")))
        }
        router.get("/stall/files/**") { request, context in
            // The head and the first bytes, then nothing until the gate opens.
            let bytes = try fileBytes(folder, context.parameters.getCatchAll())
            return Response(status: .ok, headers: [.contentLength: String(bytes.count)], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(128)))
                await counter.origin?.gate.wait()
                try await writer.write(ByteBuffer(bytes: bytes.dropFirst(128)))
                try await writer.finish(nil)
            })
        }
        router.get("/endless") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                var chunk = ByteBuffer(bytes: [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 65_532))
                while true {
                    try await writer.write(chunk)
                    chunk = ByteBuffer(repeating: 0, count: 65_536)
                }
            })
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await app.run() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
        let origin = TestOrigin(baseURL: "http://127.0.0.1:\(port)", task: task)
        counter.origin = origin
        return origin
    }

    /// Stops the server.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }

    private static func fileBytes(_ folder: URL, _ parts: [Substring]) throws -> [UInt8] {
        guard !parts.contains("..") else { throw HTTPError(.forbidden) }
        let url = parts.reduce(folder) { $0.appendingPathComponent(String($1)) }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw HTTPError(.notFound) }
        return Array(data)
    }

    /// Announces the full length, sends half, then drops the connection.
    private static func truncatedResponse(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, body: ResponseBody(contentLength: bytes.count) { writer in
            try await writer.write(ByteBuffer(bytes: bytes.prefix(bytes.count / 2)))
            throw CancellationError()
        })
    }

    private static func fileResponse(_ folder: URL, _ parts: [Substring]) throws -> Response {
        let bytes = try fileBytes(folder, parts)
        return Response(status: .ok, headers: [.contentType: "application/octet-stream", .eTag: "\"\(bytes.count)\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Lets route closures reach the origin they belong to once it exists.
private final class CounterBox: Sendable {
    private let lock = Mutex<TestOrigin?>(nil)
    var origin: TestOrigin? {
        get { lock.withLock { $0 } }
        set { lock.withLock { $0 = newValue } }
    }
}

/// A one-shot barrier: waiters resume when it opens (at once, if it is already open).
public final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    public init() {}

    public func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    public func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
