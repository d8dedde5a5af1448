import ArgumentParser
import Foundation
import NIOPosix
import Synchronization

/// The chaos simulator: an origin that misbehaves on purpose and a client that checks every answer of a running
/// proxy (started with loopback sources allowed) against the answer it gave with the origin behaving.
@main
struct ChaosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media-proxy-chaos",
        abstract: "Fires mixed requests at a running proxy while its origin misbehaves, and checks every answer.")

    @Option(help: "The proxy's base URL.") var proxy = "http://127.0.0.1:8080"
    @Option(help: "The folder the origin serves.") var folder = "Samples"
    @Option(help: "Requests in the chaos round.") var requests = 1_000
    @Option(help: "Requests in flight at once.") var concurrency = 16
    @Option(help: "Seed for the requests and the origin's modes.") var seed: UInt64 = 1
    @Option(help: "How long a stalled origin answer hangs, in seconds (longer than the proxy's timeout).")
    var stallSeconds = 8
    @Option(help: "The proxy's per-request deadline (its --timeout), in seconds.") var deadline = 4.0

    func run() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        var files: [String: [UInt8]] = [:]
        for name in names { files[name] = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))) }
        let origin = try await ChaosOrigin(files: files, stallSeconds: stallSeconds, group: MultiThreadedEventLoopGroup.singleton)
        let originURL = "http://127.0.0.1:\(origin.port)"
        let client = ChaosClient(proxy: proxy, concurrency: concurrency)

        // The reference: every kind of request once, the origin behaving.
        let kinds = ChaosRequest.all(files: Array(files.keys))
        let references = Mutex<[Int: [UInt8]]>([:])
        let failures = Mutex<[String]>([])
        let referencePaths = kinds.enumerated().map { $0.element.path(origin: originURL, mode: "normal", n: 1_000_000 + $0.offset) }
        await client.send(referencePaths) { index, answer in
            if answer.status == 200 {
                references.withLock { $0[index] = answer.body }
            } else {
                failures.withLock { $0.append("\(referencePaths[index]): \(answer.status.map(String.init) ?? answer.failure ?? "?")") }
            }
        }
        let refused = failures.withLock { $0 }
        guard refused.isEmpty else {
            print("the proxy refused \(refused.count) of \(kinds.count) reference requests with the origin behaving:")
            refused.prefix(10).forEach { print("  " + $0) }
            try await client.shutdown()
            try await origin.close()
            throw ExitCode.failure
        }
        let reference = references.withLock { $0 }
        print("reference: \(kinds.count) kinds of request answered with the origin behaving")

        // The chaos round.
        var random = SplitMix(seed: seed)
        let weighted = ChaosMode.allCases.flatMap { Array(repeating: $0, count: $0.weight) }
        let plan = (0..<requests).map { n -> (Int, ChaosMode) in
            (Int(random.next() % UInt64(kinds.count)), weighted[Int(random.next() % UInt64(weighted.count))])
        }
        let paths = plan.enumerated().map { kinds[$0.element.0].path(origin: originURL, mode: $0.element.1.rawValue, n: $0.offset) }
        let tally = ChaosTally(deadline: deadline)
        let start = ContinuousClock.now
        await client.send(paths) { index, answer in
            let (kind, mode) = plan[index]
            tally.record(answer, request: kinds[kind], mode: mode, reference: reference[kind] ?? [], path: paths[index])
        }
        tally.report(elapsed: start.duration(to: .now) / .seconds(1)).forEach { print($0) }
        try await client.shutdown()
        try await origin.close()
        if !tally.passed { throw ExitCode.failure }
    }
}
