import Foundation
import NIOCore
import Testing
import TestSupport

/// `scripts/cluster --instances 3`: nginx in front of three instances on loopback, sharing results through a
/// bucket (moto). Each URL is always served by the same instance; with one instance killed every URL answers 200
/// again within 5 seconds, the URLs of the surviving instances stay where they were, and the moved URLs are not
/// rendered again (the survivors find them in the shared tier).
@Suite(.serialized) struct ClusterTests {
    @Test func urlsStayWithTheirInstanceAndMoveOnlyWhenItDies() async throws {
        let port = Int.random(in: 21_000...39_000)
        let store = try MotoServer.start(port: Int.random(in: 41_000...49_000))
        defer { store.stop() }
        let cluster = Process()
        // A child of the test runner inherits its blocked signals, and a shell cannot unblock them: a few lines of
        // Python clear the mask before running the script, so its SIGTERM trap works as it does from a terminal.
        cluster.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        cluster.arguments = ["-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
                             + "os.execv('/bin/bash', ['bash'] + sys.argv[1:])",
                             TestPaths.repository.appendingPathComponent("scripts/cluster").path,
                             "--instances", "3", "--port", String(port), "--", "--local-root", TestPaths.samples.path,
                             "--s3-endpoint", "http://127.0.0.1:\(store.port)", "--s3-path-style",
                             "--s3-access-key", store.accessKey, "--s3-secret-key", store.secretKey,
                             "--result-store", "s3://images/results"]
        var environment = ProcessInfo.processInfo.environment
        environment["MEDIAPROXY_SERVER_BINARY"] = CLITests.binary.deletingLastPathComponent()
            .appendingPathComponent("media-proxy-server").path
        cluster.environment = environment
        cluster.currentDirectoryURL = TestPaths.repository
        let output = Pipe()
        cluster.standardOutput = output
        try cluster.run()
        defer {
            if cluster.isRunning {
                cluster.terminate()
                cluster.waitUntilExit()
            }
        }
        var text = ""
        while !text.contains("front: ") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        try #require(text.contains("front: "), "the cluster did not start: \(text)")
        var pids: [String: Int32] = [:]
        var ports: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 4, parts[0] == "instance", let pid = Int32(parts[3]) else { continue }
            pids[parts[1]] = pid
            ports[parts[1]] = parts[2]
        }
        try #require(pids.count == 3)
        let front = "http://127.0.0.1:\(port)"
        let paths = (100..<160).map { "/unsafe/w:\($0)/plain/local:///landscape.jpg" }
        func instance(_ path: String) async throws -> String? {
            let answer = try await TestHTTP.get(front + path, timeout: .seconds(30))
            return answer.status == 200 ? answer.headers["x-instance"] : nil
        }
        var owner: [String: String] = [:]
        for path in paths {
            let first = try await instance(path)
            let second = try await instance(path)
            #expect(first != nil && first == second, "\(path): \(first ?? "-") then \(second ?? "-")")
            owner[path] = first
        }
        let shares = Dictionary(grouping: paths) { owner[$0] ?? "-" }
        #expect(shares.count == 3, "every instance takes a share: \(shares.mapValues(\.count))")
        // Every result reaches the shared tier.
        #expect(try store.objects(under: "results/", waitingFor: paths.count) == paths.count)
        // Kill the instance with the most URLs.
        let victim = try #require(shares.max { $0.value.count < $1.value.count }?.key)
        func renders(_ name: String) async throws -> Double {
            MetricsText.value("mediaproxy_pipeline_runs_total",
                              in: try await TestHTTP.get("http://127.0.0.1:\(ports[name] ?? "")/metrics", timeout: .seconds(10)).text)
        }
        var rendersBefore: [String: Double] = [:]
        for name in pids.keys where name != victim { rendersBefore[name] = try await renders(name) }
        let killedAt = ContinuousClock.now
        kill(try #require(pids[victim]), SIGKILL)
        var pending = Set(paths)
        while !pending.isEmpty, ContinuousClock.now - killedAt < .seconds(5) {
            for path in pending {
                if let now = try await instance(path), now != victim { pending.remove(path) }
            }
        }
        #expect(pending.isEmpty, "\(pending.count) URLs not answered within 5 s of the kill")
        for path in paths where owner[path] != victim {
            #expect(try await instance(path) == owner[path], "\(path) moved from a surviving instance")
        }
        for (name, before) in rendersBefore {
            #expect(try await renders(name) == before, "\(name) rendered moved URLs again instead of reading the shared tier")
        }
        // SIGTERM stops everything the script started.
        cluster.terminate()
        cluster.waitUntilExit()
        for (name, pid) in pids where name != victim {
            #expect(kill(pid, 0) != 0, "instance \(name) still runs")
        }
    }
}
