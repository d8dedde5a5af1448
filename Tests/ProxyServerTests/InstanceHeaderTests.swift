import Foundation
import ProxyServer
import Testing
import TestSupport

/// `--instance-name`: every answer says which instance made it, misses, memory hits and errors alike.
@Suite(.serialized) struct InstanceHeaderTests {
    @Test func everyAnswerCarriesTheName() async throws {
        let server = try await LiveServer.start { $0.instanceName = "node-2" }
        defer { Task { await server.stop() } }
        let path = "/unsafe/w:40/plain/local:///landscape.jpg"
        let miss = try await server.get(path)
        let hit = try await server.get(path)
        #expect(miss.headers["x-cache"] == "MISS" && hit.headers["x-cache"] == "HIT")
        for answer in [miss, hit, try await server.get("/unsafe/plain/local:///none.jpg"), try await server.get("/health")] {
            #expect(answer.headers["x-instance"] == "node-2")
        }
        let unnamed = try await LiveServer.start()
        #expect(try await unnamed.get(path).headers["x-instance"] == nil)
        await unnamed.stop()
        var configuration = ServerConfiguration()
        configuration.instanceName = "bad name"
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}
