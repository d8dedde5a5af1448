import NIOCore
import NIOPosix

/// One origin connection: reads a request head, then answers as its path's `ChaosMode` says and closes.
final class ChaosOriginHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let files: [String: [UInt8]]
    private let stallSeconds: Int
    private var received: [UInt8] = []
    private var answered = false

    init(files: [String: [UInt8]], stallSeconds: Int) {
        self.files = files
        self.stallSeconds = stallSeconds
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        received += Array(unwrapInboundIn(data).readableBytesView)
        guard let end = headEnd(), received.count < 65_536 else {
            if received.count >= 65_536 { context.close(promise: nil) }
            return
        }
        answered = true
        let line = String(decoding: received[..<end].prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        answer(target: target, context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Where the head ends (`\r\n\r\n`), if it has arrived.
    private func headEnd() -> Int? {
        guard received.count >= 4 else { return nil }
        for index in 0...(received.count - 4) where received[index] == 13 && received[index + 1] == 10
            && received[index + 2] == 13 && received[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Answers `/m/{mode}/{n}/{file}`.
    private func answer(target: String, context: ChannelHandlerContext) {
        let path = target.split(separator: "?").first.map(String.init) ?? target
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 4, parts[0] == "m", let body = files[parts[3]] else {
            send(context, status: "404 Not Found", headers: ["Content-Length: 0"], body: [], close: true)
            return
        }
        let n = Int(parts[2]) ?? 0, name = parts[3]
        // A redirect hop: /m/hop{left}/{n}/{file} redirects again until none is left, then serves the file.
        if parts[1].hasPrefix("hop"), let left = Int(parts[1].dropFirst(3)) {
            if left > 0 {
                send(context, status: "302 Found", headers: ["Location: /m/hop\(left - 1)/\(n)/\(name)", "Content-Length: 0"],
                     body: [], close: true)
            } else {
                send(context, status: "200 OK", headers: ["Content-Type: application/octet-stream",
                                                          "Content-Length: \(body.count)"], body: body, close: true)
            }
            return
        }
        guard let mode = ChaosMode(rawValue: parts[1]) else {
            send(context, status: "404 Not Found", headers: ["Content-Length: 0"], body: [], close: true)
            return
        }
        let type = "Content-Type: application/octet-stream"
        let loop = context.eventLoop
        switch mode {
        case .normal:
            send(context, status: "200 OK", headers: [type, "Content-Length: \(body.count)"], body: body, close: true)
        case .delay:
            let pause = Int64(n % 300)
            loop.scheduleTask(in: .milliseconds(pause)) {
                self.send(context, status: "200 OK", headers: [type, "Content-Length: \(body.count)"], body: body,
                          close: true)
            }
        case .drip:
            send(context, status: "200 OK", headers: [type, "Content-Length: \(body.count)"], body: [], close: false)
            drip(context, body[...], piece: 2_048, pause: .milliseconds(3))
        case .redirect, .redirectLoop:
            let next = "/m/hop\(mode == .redirect ? 2 : 6)/\(n)/\(name)"
            send(context, status: "302 Found", headers: ["Location: \(next)", "Content-Length: 0"], body: [],
                 close: true)
        case .truncated:
            send(context, status: "200 OK", headers: [type, "Content-Length: \(body.count)"],
                 body: Array(body.prefix(body.count / 2)), close: true)
        case .truncatedChunked:
            let half = Array(body.prefix(body.count / 2))
            let chunk = Array(String(half.count, radix: 16).utf8) + [13, 10] + half + [13, 10]
            send(context, status: "200 OK", headers: [type, "Transfer-Encoding: chunked"], body: chunk, close: true)
        case .longLength:
            send(context, status: "200 OK", headers: [type, "Content-Length: \(body.count + 1_000)"], body: body,
                 close: true)
        case .shortLength:
            send(context, status: "200 OK", headers: [type, "Content-Length: \(body.count / 2)"], body: body,
                 close: true)
        case .reset:
            // A zero linger makes the close an RST rather than a FIN.
            guard let sockets = context.channel as? any SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            sockets.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in context.close(promise: nil) }
        case .serverError:
            let text = Array("origin unavailable".utf8)
            send(context, status: "503 Service Unavailable", headers: ["Content-Length: \(text.count)"], body: text,
                 close: true)
        case .stall:
            send(context, status: "200 OK", headers: [type, "Content-Length: \(body.count)"], body: [], close: false)
            loop.scheduleTask(in: .seconds(Int64(stallSeconds))) { context.close(promise: nil) }
        case .garbage:
            var state = UInt64(n) | 1
            let noise = (0..<4_096).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33) | 0x01
            }
            send(context, status: "200 OK", headers: ["Content-Type: image/jpeg", "Content-Length: \(noise.count)"],
                 body: noise, close: true)
        }
    }

    /// Writes a head and `body`; closes afterwards when asked.
    private func send(_ context: ChannelHandlerContext, status: String, headers: [String], body: [UInt8], close: Bool) {
        let head = "HTTP/1.1 \(status)\r\nConnection: close\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
        var buffer = context.channel.allocator.buffer(capacity: head.utf8.count + body.count)
        buffer.writeString(head)
        buffer.writeBytes(body)
        let written = context.writeAndFlush(wrapOutboundOut(buffer))
        if close { written.whenComplete { _ in context.close(promise: nil) } }
    }

    /// Writes `rest` `piece` bytes at a time, `pause` apart, then closes.
    private func drip(_ context: ChannelHandlerContext, _ rest: ArraySlice<UInt8>, piece: Int, pause: TimeAmount) {
        guard !rest.isEmpty else {
            context.close(promise: nil)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: piece)
        buffer.writeBytes(rest.prefix(piece))
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        context.eventLoop.scheduleTask(in: pause) { self.drip(context, rest.dropFirst(piece), piece: piece, pause: pause) }
    }
}
