import ImageOptions
@testable import ImagePipeline
import Testing
import VipsKit

/// A source whose header reads but whose pixels break fails its job and leaves nothing behind, whatever the
/// output format: libvips 8.14's WebP saver kept the whole pipeline (loader, pixels, steps) alive after such a
/// failure, a few hundred kilobytes a request.
@Suite struct BrokenPixelsTests {
    typealias S = Synthetic

    @Test func aFailedJobLeavesNoLibvipsObjects() throws {
        let whole = try S.png(try S.noise(width: 300, height: 200))
        let broken = Array(whole.prefix(whole.count * 2 / 3))
        let attempts = 20
        for format in ["webp", "jpg", "png", "avif", "gif", "jxl"] {
            let before = VipsRuntime.liveObjects(named: "pngload_buffer")
            for _ in 0..<attempts {
                #expect(throws: PipelineError.self, "\(format)") {
                    try S.process(broken, "rs:fit:64:64/f:\(format)")
                }
            }
            let after = VipsRuntime.liveObjects(named: "pngload_buffer")
            // Other suites may be loading a PNG at the same moment; a leak would add one per attempt.
            #expect(after - before < attempts / 2, "\(format): \(after - before) PNG loaders left alive")
        }
    }
}
