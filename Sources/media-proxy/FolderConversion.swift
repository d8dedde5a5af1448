import Dispatch
import CommandSupport
import Foundation
import ImageOptions
import ImagePipeline
import MediaFormats
import Synchronization

/// Converts every file under a folder in parallel, with a progress bar when stderr is a terminal.
struct FolderConversion: Sendable {
    let processor: ImageProcessor
    let options: ProcessingOptions
    let format: ImageFormat
    let jobs: Int
    let verbose: Bool

    /// Returns how many files failed (each reported on its own line).
    func run(from source: URL, to destination: URL) -> Int {
        let files = Self.files(under: source)
        let targets = Self.targets(for: files, from: source, to: destination, format: format)
        let progress = ProgressBar(total: files.count)
        let failures = Atomic<Int>(0)
        let next = Atomic<Int>(0)
        var fileOptions = options
        fileOptions.format = format
        let jobOptions = fileOptions
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(files.count, 1))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let file = files[index]
                let relative = Self.relativePath(of: file, under: source)
                let target = targets[index]
                do {
                    let bytes = Array(try Data(contentsOf: file))
                    let result = try processor.process(bytes, options: jobOptions)
                    try AtomicFile.write(result.bytes, to: target)
                } catch {
                    failures.add(1, ordering: .relaxed)
                    progress.report("media-proxy: \(relative): \(CommandFailure.message(for: error, verbose: verbose))")
                }
                progress.advance()
            }
        }
        progress.finish(failures: failures.load(ordering: .relaxed))
        return failures.load(ordering: .relaxed)
    }

    private static func relativePath(of file: URL, under folder: URL) -> String {
        String(String(file.path.dropFirst(folder.path.count)).drop { $0 == "/" })
    }

    /// Output paths: the relative path with the new extension, or with the old extension kept before the new
    /// one where two inputs (`a.png`, `a.webp`) would otherwise write the same file.
    static func targets(for files: [URL], from source: URL, to destination: URL, format: ImageFormat) -> [URL] {
        let plain = files.map { destination.appendingPathComponent(relativePath(of: $0, under: source))
            .deletingPathExtension().appendingPathExtension(format.rawValue) }
        let counts = Dictionary(plain.map { ($0.path, 1) }, uniquingKeysWith: +)
        return zip(files, plain).map { file, target in
            counts[target.path, default: 0] > 1
                ? destination.appendingPathComponent(relativePath(of: file, under: source)).appendingPathExtension(format.rawValue)
                : target
        }
    }

    private static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.path < $1.path }
    }
}
