import Foundation
import FuzzTargets

/// The target this process fuzzes, reachable from libFuzzer's C callback.
enum FuzzSession {
    /// Set once, before libFuzzer starts.
    nonisolated(unsafe) static var target: FuzzTarget?

    /// libFuzzer's callback: runs one input; a finding aborts the process, so that libFuzzer keeps the input.
    static let callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
        guard let target = FuzzSession.target else { return 0 }
        FuzzExit.recordBaseline()
        do {
            _ = try target.runAlone(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
        } catch {
            FileHandle.standardError.write(Data("media-proxy-fuzz: \(target.name): \(error)\n".utf8))
            abort()
        }
        return 0
    }

    /// Runs every file named in `paths` (folders: every file in them) through `target`; the number of findings.
    static func replay(_ target: FuzzTarget, paths: [String]) -> Int {
        var findings = 0
        var count = 0
        var through = 0
        for file in files(in: paths) {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): unreadable")
                findings += 1
                continue
            }
            count += 1
            do {
                if try target.runAlone([UInt8](data)) { through += 1 }
            } catch {
                print("\(file): \(error)")
                findings += 1
            }
        }
        print("\(target.name): \(count) inputs replayed, \(through) went through, \(findings) findings")
        return findings
    }

    /// Writes a seed for `target` (`FuzzTarget.seed`) into `folder` for every file named in `paths` of at most
    /// `maxLength` bytes; the number written.
    static func writeSeeds(_ target: FuzzTarget, into folder: String, maxLength: Int, paths: [String]) -> Int {
        var written = 0
        for (index, file) in files(in: paths).enumerated() {
            guard let data = FileManager.default.contents(atPath: file), data.count <= maxLength else { continue }
            let seed = target.seed(from: [UInt8](data), index: index)
            if FileManager.default.createFile(atPath: folder + "/seed-\(index)", contents: Data(seed)) {
                written += 1
            }
        }
        return written
    }

    /// The files named, with folders expanded (sorted, hidden files left out).
    private static func files(in paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return [path]
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
        }
    }
}
