import Foundation
import ImagePipeline
import Testing
import TestSupport

/// The built `media-proxy` executable, run as a user would.
@Suite struct CLITests {
    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("media-proxy").path),
              folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("media-proxy")
    }()
    static let samples = TestPaths.samples

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let run = try ProcessRun(binary, arguments, environment: environment)
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mp-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func infoPrintsTheProbeAsJSON() throws {
        let result = try Self.run(["info", Self.samples.appendingPathComponent("rotated-exif6.jpg").path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "jpg")
        #expect(json["orientation"] as? Int == 6)
        #expect(json["width"] as? Int == 600 && json["height"] as? Int == 800)
        for key in ["frames", "animated", "hasAlpha", "bitDepth", "colorSpace"] { #expect(json[key] != nil, "\(key)") }
    }

    @Test func infoAndConvertKeepAnAPNGAnimated() throws {
        let info = try Self.run(["info", Self.samples.appendingPathComponent("pattern-apng.png").path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(json["animated"] as? Bool == true && json["frames"] as? Int == 12 && json["loopCount"] as? Int == 0)
        #expect((json["frameDelays"] as? [Int])?.count == 12)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.apng")
        let result = try Self.run(["convert", Self.samples.appendingPathComponent("pattern.gif").path, output.path,
                                   "rs:fit:50:50"])
        #expect(result.status == 0, "\(result.stderr)")
        let converted = try Self.run(["info", output.path])
        #expect(converted.stdout.contains("\"frames\" : 20") && converted.stdout.contains("\"width\" : 50"))
    }

    @Test func convertWritesTheFormatOfTheExtension() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.webp")
        let result = try Self.run(["convert", Self.samples.appendingPathComponent("landscape.jpg").path, output.path,
                                   "rs:fit:120:120"])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try Self.run(["info", output.path])
        #expect(info.stdout.contains("\"webp\"") && info.stdout.contains("\"width\" : 120"))
    }

    @Test func badInputIsOneLineAndNonZeroAndLeavesNoFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("garbage.jpg")
        try Data("definitely not an image".utf8).write(to: garbage)
        let output = folder.appendingPathComponent("out.png")
        for arguments in [["convert", garbage.path, output.path],
                          ["convert", Self.samples.appendingPathComponent("logo.png").path, output.path, "rs:nope:1"],
                          ["convert", folder.appendingPathComponent("missing.png").path, output.path],
                          ["convert", Self.samples.appendingPathComponent("logo.png").path, folder.appendingPathComponent("x.bmp").path],
                          ["info", garbage.path]] {
            let result = try Self.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("media-proxy: "), "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["garbage.jpg"])
    }

    @Test func folderConversionConvertsEverySample() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.run(["convert", Self.samples.path, folder.path, "rs:fit:64:64", "--format", "png"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["badge.png", "clip.png", "landscape.png", "logo.jxl.png", "logo.png.png", "logo.webp.png",
                          "pattern-apng.png", "pattern.png", "rotated-exif6.png"])
    }
}

@Suite struct ServeConfigurationTests {
    @Test func encoderFlagsReachTheServer() async throws {
        let server = try ServerProcess.start(["--no-cache", "--jpeg-progressive", "--png-quantize", "--webp-effort", "0"])
        defer { server.kill(SIGTERM) }
        let jpeg = try await server.get("/unsafe/w:200/plain/local:///landscape.jpg@jpg")
        #expect(jpeg.status == 200)
        // A progressive JPEG has an SOF2 marker.
        #expect(zip(jpeg.body, jpeg.body.dropFirst()).contains { $0 == 0xFF && $1 == 0xC2 })
        let png = try await server.get("/unsafe/w:200/plain/local:///landscape.jpg@png")
        // A quantised PNG has a palette (colour type 3) in its IHDR.
        #expect(png.status == 200 && png.body.count > 26 && png.body[25] == 3)
        // The same WebP at the default effort (4), made by `convert`, is not the server's effort-0 answer.
        let webp = try await server.get("/unsafe/w:200/plain/local:///landscape.jpg@webp")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mp-effort-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let converted = folder.appendingPathComponent("landscape.webp")
        let run = try CLITests.run(["convert", CLITests.samples.appendingPathComponent("landscape.jpg").path,
                                    converted.path, "w:200"])
        #expect(run.status == 0 && webp.status == 200)
        let defaultEffort = try [UInt8](Data(contentsOf: converted))
        #expect(!defaultEffort.isEmpty && defaultEffort != webp.body)
    }

    @Test func presetsComeFromAFileAndCanBeTheOnlyOptions() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mp-presets-\(UUID().uuidString)")
        try "# test\nsmall=rs:fit:64:64\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let server = try ServerProcess.start(["--no-cache", "--presets-file", file.path, "--only-presets"])
        defer { server.kill(SIGTERM) }
        let preset = try await server.get("/unsafe/pr:small/plain/local:///landscape.jpg@png")
        #expect(preset.status == 200)
        let image = try ImageProcessor().probe(preset.body)
        #expect(image.width == 64)
        #expect(try await server.get("/unsafe/w:64/plain/local:///landscape.jpg@png").status == 400)
    }

    @Test func badSettingsAreOneLineErrors() throws {
        for arguments in [["serve", "--workers", "0"], ["serve", "--key", "abc", "--salt", "00"],
                          ["serve", "--preset", "broken"], ["serve", "--avif-effort", "42"],
                          ["serve", "--webp-effort", "7"], ["serve", "--timeout", "0"],
                          ["serve", "--header-timeout", "1e300"], ["serve", "--keep-alive-timeout", "nan"],
                          ["serve", "--presets-file", "/nonexistent/presets"]] {
            let result = try CLITests.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}
