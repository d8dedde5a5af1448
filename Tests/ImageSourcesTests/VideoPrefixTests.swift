import Foundation
@testable import ImageSources
import OriginTestServer
import Synchronization
import Testing

/// A long video over HTTP is read only as far as its first frame needs: the prefix when the index comes first,
/// the prefix and a ranged tail when it comes last; the frame equals the whole file's.
@Suite(.serialized) struct VideoPrefixTests {
    /// Two 4-second MPEG-4 videos made by ffmpeg: index first (`+faststart`) and index last (ffmpeg's default).
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mp-video-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, flags) in [("index-first.mp4", ["-movflags", "+faststart"]), ("index-last.mp4", [])] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            // Noise keeps every frame large (about 30 MB in all), well past what socket buffers absorb.
            process.arguments = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                                 "testsrc2=size=640x360:rate=25,noise=alls=60:allf=t", "-t", "4", "-c:v", "mpeg4",
                                 "-q:v", "2"] + flags + [folder.appendingPathComponent(name).path]
            try? process.run()
            process.waitUntilExit()
        }
        return folder
    }()

    @Test(arguments: ["index-first.mp4", "index-last.mp4"])
    func readsOnlyWhatTheFirstFrameNeeds(name: String) async throws {
        let whole = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        #expect(whole.count > 20_000_000)
        let origin = try await TestOrigin.start(serving: Self.folder)
        defer { Task { await origin.stop() } }
        var configuration = SourceConfiguration()
        configuration.addressPolicy = AddressPolicy(allowLoopback: true)
        // Frames of this noise are ~300 KB: 2 MB holds the first one and is still a fifteenth of the file.
        configuration.videoPrefixBytes = 2 * 1024 * 1024
        let fetcher = try SourceFetcher(configuration: configuration)
        let source = try await fetcher.fetch("\(origin.baseURL)/ranged/files/\(name)", deadline: .now + .seconds(20))
        let sent = origin.rangedBytesSent.load(ordering: .relaxed)
        #expect(sent < whole.count / 2, "origin sent \(sent) of \(whole.count)")
        #expect(source.bytes.count < whole.count / 2)
        #expect(origin.rangeRequests.load(ordering: .relaxed) == (name == "index-last.mp4" ? 1 : 0))

        // An independent decoder (the ffmpeg command) reads the same first frame from what was fetched.
        let fromPrefix = try Self.firstFrame(source.bytes)
        let fromWhole = try Self.firstFrame(whole)
        let sameFrame = !fromPrefix.isEmpty && fromPrefix == fromWhole  // a Bool: a failing byte-array diff takes minutes
        #expect(sameFrame)
        #expect(fromPrefix.count == 640 * 360 * 3)
    }

    /// The first video frame of `file` as packed RGB, decoded by the ffmpeg command.
    static func firstFrame(_ file: [UInt8]) throws -> [UInt8] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("mp-frame-\(UUID().uuidString).mp4")
        try Data(file).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-v", "error", "-i", input.path, "-frames:v", "1", "-f", "rawvideo",
                             "-pix_fmt", "rgb24", "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let frame = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Array(frame) : []
    }

    @Test func aVideoReadsWholeWhenPrefixesAreOff() async throws {
        let whole = Array(try Data(contentsOf: Self.folder.appendingPathComponent("index-last.mp4")))
        let origin = try await TestOrigin.start(serving: Self.folder)
        defer { Task { await origin.stop() } }
        var configuration = SourceConfiguration()
        configuration.addressPolicy = AddressPolicy(allowLoopback: true)
        configuration.videoPrefixBytes = 0
        let source = try await SourceFetcher(configuration: configuration)
            .fetch("\(origin.baseURL)/ranged/files/index-last.mp4", deadline: .now + .seconds(20))
        #expect(source.bytes == whole)
    }
}
