import AsyncHTTPClient
import Foundation
import ImageOptions
import ImagePipeline
import ImageSources
import NIOHTTP1
import OriginTestServer
@testable import ProxyServer
import Synchronization
import Testing
import TestSupport

/// Caches, coalescing and conditional GET on the live server with a live origin.
@Suite(.serialized) struct CachingTests {
    private func startOrigin() async throws -> TestOrigin { try await TestOrigin.start(serving: LiveServer.samples) }

    private func metric(_ server: LiveServer, _ name: String) async throws -> Double {
        try await server.metric(name)
    }

    @Test func hundredIdenticalColdRequestsRunOnce() async throws {
        let origin = try await startOrigin()
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start {
            $0.sources.addressPolicy = AddressPolicy(allowLoopback: true)
            $0.queue = 256
        }
        defer { Task { await server.stop() } }
        let path = "/unsafe/rs:fit:150:150/plain/\(origin.baseURL)/slow/200/files/landscape.jpg@webp"
        let answers = try await withThrowingTaskGroup(of: LiveServer.Answer.self) { group in
            for _ in 0..<100 { group.addTask { try await server.get(path) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 200 })
        #expect(Set(answers.map(\.body)).count == 1)
        #expect(origin.fileRequests.load(ordering: .relaxed) == 1)
        #expect(try await metric(server, "mediaproxy_pipeline_runs_total") == 1)
        let again = try await server.get(path)
        #expect(again.headers["x-cache"] == "HIT" && again.body == answers[0].body)
    }

    @Test func fiveSizesOfOneSourceFetchItOnce() async throws {
        let origin = try await startOrigin()
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start { $0.sources.addressPolicy = AddressPolicy(allowLoopback: true) }
        defer { Task { await server.stop() } }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for size in [40, 80, 120, 160, 200] {
                group.addTask { try await server.get("/unsafe/w:\(size)/plain/\(origin.baseURL)/files/landscape.jpg@jpg").status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(origin.fileRequests.load(ordering: .relaxed) == 1)
        #expect(try await metric(server, "mediaproxy_pipeline_runs_total") == 5)
    }

    @Test func staleSourcesAreRevalidatedAndNoStoreIsNotKept() async throws {
        let origin = try await startOrigin()
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start {
            $0.sources.addressPolicy = AddressPolicy(allowLoopback: true)
            $0.sourceTTL = .zero
        }
        defer { Task { await server.stop() } }
        #expect(try await server.get("/unsafe/w:50/plain/\(origin.baseURL)/files/logo.png@png").status == 200)
        #expect(try await server.get("/unsafe/w:60/plain/\(origin.baseURL)/files/logo.png@png").status == 200)
        #expect(origin.notModifiedAnswers.load(ordering: .relaxed) == 1)
        #expect(try await metric(server, "mediaproxy_source_lookups_total{outcome=\"revalidated\"}") == 1)
        let before = origin.fileRequests.load(ordering: .relaxed)
        #expect(try await server.get("/unsafe/w:50/plain/\(origin.baseURL)/nostore/files/logo.png@png").status == 200)
        #expect(try await server.get("/unsafe/w:60/plain/\(origin.baseURL)/nostore/files/logo.png@png").status == 200)
        #expect(origin.fileRequests.load(ordering: .relaxed) == before + 2)
    }

    @Test func failingLeaderFailsEveryFollower() async throws {
        let origin = try await startOrigin()
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start { $0.sources.addressPolicy = AddressPolicy(allowLoopback: true) }
        defer { Task { await server.stop() } }
        let broken = "/unsafe/w:50/plain/\(origin.baseURL)/gated/truncate/files/landscape.jpg@jpg"
        let requests = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await server.get(broken).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        while try await metric(server, "mediaproxy_cache_lookups_total{result=\"miss\"}") < 20 { await Task.yield() }
        origin.gate.open()
        #expect(try await requests.value == [Int](repeating: 502, count: 20))
        #expect(origin.fileRequests.load(ordering: .relaxed) == 1)
    }

    @Test func cancelledViewerDoesNotCancelSharedWork() async throws {
        let origin = try await startOrigin()
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start { $0.sources.addressPolicy = AddressPolicy(allowLoopback: true) }
        defer { Task { await server.stop() } }
        let path = "/unsafe/w:70/plain/\(origin.baseURL)/gated/files/landscape.jpg@jpg"
        let impatient = Task { try await server.get(path) }
        while origin.fileRequests.load(ordering: .relaxed) < 1 { await Task.yield() }
        let patient = Task { try await server.get(path) }
        while try await metric(server, "mediaproxy_cache_lookups_total{result=\"miss\"}") < 2 { await Task.yield() }
        // The impatient viewer leaves while the other still waits for the same work (work nobody waits for any
        // more is cancelled: ClientDepartureTests).
        impatient.cancel()
        while try await metric(server, "mediaproxy_requests_total{status=\"499\"}") < 1 { await Task.yield() }
        origin.gate.open()
        let answer = try await patient.value
        #expect(answer.status == 200 && answer.headers["x-cache"] == "MISS")
        #expect(origin.fileRequests.load(ordering: .relaxed) == 1)
        #expect(try await metric(server, "mediaproxy_pipeline_runs_total") == 1)
    }

    @Test func conditionalGetAnswers304() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let path = "/unsafe/rs:fit:90:90/plain/local:///landscape.jpg"
        let first = try await server.get(path, headers: ["Accept": "image/webp"])
        let etag = try #require(first.headers["etag"])
        let lastModified = try #require(first.headers["last-modified"])
        #expect(first.status == 200 && etag.hasPrefix("\"") && first.headers["x-cache"] == "MISS")
        let revalidated = try await server.get(path, headers: ["Accept": "image/webp", "If-None-Match": etag])
        #expect(revalidated.status == 304 && revalidated.body.isEmpty)
        #expect(revalidated.headers["etag"] == etag && revalidated.headers["vary"] == "Accept")
        let byDate = try await server.get(path, headers: ["Accept": "image/webp", "If-Modified-Since": lastModified])
        #expect(byDate.status == 304)
        let otherFormat = try await server.get(path, headers: ["Accept": "image/jpeg", "If-None-Match": etag])
        #expect(otherFormat.status == 200 && otherFormat.headers["etag"] != etag)
        let changed = try await server.get(path, headers: ["Accept": "image/webp", "If-None-Match": "\"nope\""])
        #expect(changed.status == 200 && changed.body == first.body)
    }

    @Test func purgeDropsEveryVariantOfASource() async throws {
        let server = try await LiveServer.start { $0.adminToken = "s3cret" }
        defer { Task { await server.stop() } }
        let paths = ["/unsafe/w:30/plain/local:///logo.png@png", "/unsafe/w:40/plain/local:///logo.png@png"]
        for path in paths { _ = try await server.get(path) }
        for path in paths { #expect(try await server.get(path).headers["x-cache"] == "HIT") }
        #expect(try await server.get("/admin/purge?source=local:///logo.png", method: .DELETE).status == 401)
        let purged = try await server.get("/admin/purge?source=local:///logo.png", method: .DELETE,
                                          headers: ["Authorization": "Bearer s3cret"])
        #expect(purged.status == 200)
        for path in paths { #expect(try await server.get(path).headers["x-cache"] == "MISS") }
    }
}
