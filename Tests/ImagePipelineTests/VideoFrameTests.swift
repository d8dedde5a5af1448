import Foundation
import ImageOptions
@testable import ImagePipeline
import Testing
import TestSupport

/// The first frame of every corpus video matches the frame the ffmpeg command decodes; rotation and seeking work.
@Suite(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"))
struct VideoFrameTests {
    static let processor = try! ImageProcessor()
    static let videos = CorpusManifest.entries { $0.folder == "video" }

    /// A frame decoded by the ffmpeg command (PNG, RGB).
    static func ffmpegFrame(_ path: String, second: Double = 0, filters: String? = nil) throws -> [UInt8] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("frame-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: output) }
        var arguments = ["-v", "error", "-y"]
        if second > 0 { arguments += ["-ss", String(second)] }
        arguments += ["-i", path, "-frames:v", "1"]
        if let filters { arguments += ["-vf", filters] }
        arguments.append(output.path)
        try Tool.run("ffmpeg", arguments)
        return Array(try Data(contentsOf: output))
    }

    @Test(arguments: videos)
    func firstFrameMatchesFFmpeg(entry: CorpusEntry) throws {
        let source = try entry.bytes()
        let info = try Self.processor.probe(source)
        #expect(info.width == entry.width && info.height == entry.height)
        #expect(info.video?.duration ?? 0 > 1)
        #expect(["h264", "vp8", "vp9", "av1", "hevc"].contains(info.video?.codec ?? ""))
        let result = try Self.processor.process(source, options: try ProcessingOptions(parsing: "f:png"))
        #expect(result.width == entry.width && result.height == entry.height)
        let ours = try DecodedImage.decode(result.bytes)
        let reference = try DecodedImage.decode(try Self.ffmpegFrame(entry.url.path))
        // Same frame: chroma upsampling differs by ~1; another frame or wrong matrix gives 5+.
        #expect(ours.meanAbsoluteDifference(to: reference) < 3)
    }

    @Test func seeksToASecond() throws {
        let entry = try #require(Self.videos.first { $0.file.hasSuffix("flower.mp4") })
        let source = try entry.bytes()
        let result = try Self.processor.process(source, options: try ProcessingOptions(parsing: "vts:3/f:png"))
        let ours = try DecodedImage.decode(result.bytes)
        let atThree = try DecodedImage.decode(try Self.ffmpegFrame(entry.url.path, second: 3))
        let first = try DecodedImage.decode(try Self.ffmpegFrame(entry.url.path))
        #expect(ours.meanAbsoluteDifference(to: atThree) < ours.meanAbsoluteDifference(to: first))
        #expect(ours.meanAbsoluteDifference(to: atThree) < 4)
    }

    @Test func appliesTheContainerRotation() throws {
        let entry = try #require(Self.videos.first { $0.file.hasSuffix("stream-of-water.mp4") })
        let rotated = FileManager.default.temporaryDirectory.appendingPathComponent("rotated-\(UUID().uuidString).mp4")
        defer { try? FileManager.default.removeItem(at: rotated) }
        try Tool.run("ffmpeg", ["-v", "error", "-y", "-i", entry.url.path, "-c", "copy", "-metadata:s:v:0", "rotate=90",
                                rotated.path])
        let source = Array(try Data(contentsOf: rotated))
        #expect([90, 270].contains(try Self.processor.probe(source).video?.rotation ?? 0))
        let result = try Self.processor.process(source, options: try ProcessingOptions(parsing: "f:png"))
        #expect(result.width == entry.height && result.height == entry.width)
        let reference = try DecodedImage.decode(try Self.ffmpegFrame(rotated.path))
        #expect(reference.width == result.width)
        #expect(try DecodedImage.decode(result.bytes).meanAbsoluteDifference(to: reference) < 3)
    }

    @Test func refusesTruncatedAndForeignVideos() throws {
        let entry = try #require(Self.videos.first { $0.file.hasSuffix("friday.mp4") })
        let source = try entry.bytes()
        for cut in [64, 4096] {
            #expect(throws: PipelineError.self) {
                _ = try Self.processor.process(Array(source.prefix(cut)), options: try ProcessingOptions(parsing: "f:png"))
            }
        }
        // A third of the file may hold the first frame; either way the answer is a frame or a typed error.
        do {
            let result = try Self.processor.process(Array(source.prefix(source.count / 3)),
                                                    options: try ProcessingOptions(parsing: "f:png"))
            #expect(result.width == entry.width)
        } catch is PipelineError {}
    }
}

/// Runs a command-line tool and fails on a non-zero exit.
enum Tool {
    static func run(_ name: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PipelineError.invalidConfiguration("\(name) exited with \(process.terminationStatus)")
        }
    }
}
