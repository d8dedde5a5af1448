import Foundation
import Testing
import TestSupport

/// libvips (and the ~90 libraries it brings) is loaded by the first job that needs it, never at start-up: the
/// glibc loader's own log (`LD_DEBUG=files`, written to `LD_DEBUG_OUTPUT.<pid>`) names every library a run maps.
@Suite struct LazyLibraryTests {
    private static func librariesMapped(_ arguments: [String]) throws -> (status: Int32, log: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mp-ld-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLITests.run(arguments, environment: ["LD_DEBUG": "files",
                                                               "LD_DEBUG_OUTPUT": folder.appendingPathComponent("ld").path])
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let log = try logs.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        return (result.status, log)
    }

    private func output(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mp-lazy-\(UUID().uuidString)-\(name)").path
    }

    @Test func helpAndAGIFResizeNeverLoadLibvips() throws {
        let help = try Self.librariesMapped(["--help"])
        #expect(help.status == 0)
        #expect(help.log.contains("libc.so"), "the loader's log must be there to read")
        #expect(!help.log.contains("libvips"))

        let target = output("pattern.gif")
        defer { try? FileManager.default.removeItem(atPath: target) }
        let resize = try Self.librariesMapped(["convert", CLITests.samples.appendingPathComponent("pattern.gif").path,
                                              target, "rs:fit:60:60"])
        #expect(resize.status == 0)
        #expect(FileManager.default.fileExists(atPath: target))
        #expect(!resize.log.contains("libvips"))
    }

    @Test func aJobThatNeedsLibvipsLoadsIt() throws {
        let target = output("logo.webp")
        defer { try? FileManager.default.removeItem(atPath: target) }
        let convert = try Self.librariesMapped(["convert", CLITests.samples.appendingPathComponent("logo.png").path,
                                               target, "rs:fit:60:60"])
        #expect(convert.status == 0)
        #expect(convert.log.contains("file=libvips.so.42 [0];  dynamically loaded"))
    }

    @Test func withoutLibvipsItsJobsFailAsOursAndTheRestStillRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mp-novips-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The loader searches LD_LIBRARY_PATH first, and finds a file that is not a library.
        try Data("not a library".utf8).write(to: folder.appendingPathComponent("libvips.so.42"))
        let environment = ["LD_LIBRARY_PATH": folder.path]
        let still = try CLITests.run(["convert", CLITests.samples.appendingPathComponent("logo.png").path,
                                      folder.appendingPathComponent("logo.webp").path, "rs:fit:60:60"],
                                     environment: environment)
        #expect(still.status != 0)
        #expect(still.stderr.contains("library_unavailable"), "\(still.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("logo.webp").path))
        let gif = try CLITests.run(["convert", CLITests.samples.appendingPathComponent("pattern.gif").path,
                                    folder.appendingPathComponent("pattern.gif").path, "rs:fit:60:60"],
                                   environment: environment)
        #expect(gif.status == 0, "\(gif.stderr)")
    }
}
