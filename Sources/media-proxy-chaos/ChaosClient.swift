import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends requests to the proxy, at most `concurrency` at a time.
struct ChaosClient: Sendable {
    let proxy: String
    let concurrency: Int
    let client: HTTPClient

    init(proxy: String, concurrency: Int) {
        self.proxy = proxy
        self.concurrency = concurrency
        client = HTTPClient(eventLoopGroupProvider: .singleton,
                            configuration: .init(timeout: .init(connect: .seconds(5), read: .seconds(60)),
                                                 connectionPool: .init(idleTimeout: .seconds(30),
                                                                       concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)))
    }

    /// Sends every path (in `paths` order, `concurrency` at once); `done` gets each answer with its index.
    func send(_ paths: [String], done: @escaping @Sendable (Int, ChaosAnswer) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask { await done(index, await fetch(paths[index])) }
            }
            while next < min(concurrency, paths.count) { add() }
            while await group.next() != nil {
                if next < paths.count { add() }
            }
        }
    }

    /// One request.
    func fetch(_ path: String) async -> ChaosAnswer {
        let start = ContinuousClock.now
        func seconds() -> Double { start.duration(to: .now) / .seconds(1) }
        do {
            let response = try await client.execute(HTTPClientRequest(url: proxy + path), timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 64 << 20)
            return ChaosAnswer(status: Int(response.status.code), body: Array(body.readableBytesView),
                               seconds: seconds(), failure: nil)
        } catch {
            return ChaosAnswer(status: nil, body: [], seconds: seconds(), failure: String(describing: error))
        }
    }

    func shutdown() async throws {
        try await client.shutdown()
    }
}
