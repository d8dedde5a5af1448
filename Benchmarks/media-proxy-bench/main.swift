// Throughput of the in-process pipeline: `media-proxy-bench --threads N --seconds S --out DIR NAME=FILE=OPTIONS ...`
// Prints one line per case (ops/s over all threads) and writes one output per case to DIR/NAME.<ext>.
import Dispatch
import Foundation
import ImageOptions
import ImagePipeline
import MediaFormats
import Synchronization

struct BenchCase {
    let name: String
    let bytes: [UInt8]
    let options: ProcessingOptions
}

var threads = 2
var seconds = 5.0
var outputFolder = "bench-out"
var cases: [BenchCase] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--threads": threads = Int(arguments.popFirst() ?? "") ?? threads
    case "--seconds": seconds = Double(arguments.popFirst() ?? "") ?? seconds
    case "--out": outputFolder = arguments.popFirst() ?? outputFolder
    default:
        let parts = argument.split(separator: "=", maxSplits: 2).map(String.init)
        guard parts.count == 3, let data = FileManager.default.contents(atPath: parts[1]) else {
            FileHandle.standardError.write(Data("bad case '\(argument)' (want NAME=FILE=OPTIONS)\n".utf8))
            exit(2)
        }
        cases.append(BenchCase(name: parts[0], bytes: Array(data), options: try ProcessingOptions(parsing: parts[2])))
    }
}

var configuration = PipelineConfiguration()
if let margin = ProcessInfo.processInfo.environment["BENCH_SHRINK_MARGIN"].flatMap(Double.init) {
    configuration.shrinkOnLoadMargin = margin
}
if let fast = ProcessInfo.processInfo.environment["BENCH_FAST_JPEG"] { configuration.fastJPEGDecode = fast == "1" }
if let planar = ProcessInfo.processInfo.environment["BENCH_PLANAR"] { configuration.planarJPEG = planar == "1" }
if let margin = ProcessInfo.processInfo.environment["BENCH_PLANAR_MARGIN"].flatMap(Double.init) {
    configuration.planarShrinkMargin = margin
}
if let orc = ProcessInfo.processInfo.environment["BENCH_ORC"] { configuration.vipsVectorCode = orc == "1" }
// Threads an animated job may render its frames on (the server offers idle workers the same way).
let parallelism = ProcessInfo.processInfo.environment["BENCH_PARALLELISM"].flatMap(Int.init) ?? 1
let processor = try ImageProcessor(configuration: configuration)
try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
for benchCase in cases {
    let sample = try processor.process(benchCase.bytes, options: benchCase.options, parallelism: { parallelism })
    try Data(sample.bytes).write(to: URL(fileURLWithPath: "\(outputFolder)/\(benchCase.name).\(sample.format.rawValue)"))
    let completed = Atomic<Int>(0)
    let start = ContinuousClock.now
    let end = start + .milliseconds(Int(seconds * 1000))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        while ContinuousClock.now < end {
            _ = try? processor.process(benchCase.bytes, options: benchCase.options, parallelism: { parallelism })
            completed.add(1, ordering: .relaxed)
        }
    }
    let elapsed = start.duration(to: .now)
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(completed.load(ordering: .relaxed)) / wall
    print(String(format: "%-16@ mediaproxy  %7.1f ops/s  (%d threads, %dx%d, %d bytes)",
                 benchCase.name as NSString, rate, threads, sample.width, sample.height, sample.bytes.count))
}
