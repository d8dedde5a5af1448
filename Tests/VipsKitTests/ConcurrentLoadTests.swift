import Dispatch
import Synchronization
import Testing
@testable import VipsKit

/// Loads of valid files on many threads at once all succeed, at the first attempt: the decoder does not retry a
/// failed load (a hostile file would cost twice), so a load that failed only under concurrency would reach users.
@Suite struct ConcurrentLoadTests {
    init() throws { try VipsRuntime.start() }

    @Test func validFilesLoadOnManyThreadsAtOnce() throws {
        var pixels: [UInt8] = []
        for index in 0..<(40 * 30 * 3) { pixels.append(UInt8(index * 13 & 255)) }
        let image = try VImage.fromPixels(pixels, width: 40, height: 30, bands: 3)
        let files: [(ImageLoader, [UInt8])] = try [
            (.jpeg, .jpeg(quality: 80, progressive: true, optimizeCoding: false)),
            (.png, .png(compression: 6, palette: false, quality: 100)),
            (.webp, .webp(quality: 80, lossless: false, effort: 2)),
            (.heif, .avif(quality: 60, effort: 2)),
            (.jxl, .jxl(quality: 80, effort: 3, lossless: false)),
        ].map { loader, settings in (loader, try image.encoded(settings, strip: true)) }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for attempt in 0..<500 {
                let (loader, bytes) = files[(worker + attempt) % files.count]
                do {
                    let loaded = try VImage.load(bytes, as: loader)
                    if loaded.width != 40 || loaded.height != 30 {
                        failures.withLock { $0.append("\(loader): \(loaded.width)x\(loaded.height)") }
                    }
                } catch {
                    failures.withLock { $0.append("\(loader): \(error)") }
                }
            }
        }
        let found = failures.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) of 4,000 loads failed, first: \(found.first ?? "")")
    }
}
