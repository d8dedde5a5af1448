import Foundation
import ImageOptions
import ImagePipeline

extension FuzzTarget {
    /// Planning from options parsed out of arbitrary text (a request path, or bare options) for one of a few real
    /// headers, extreme sizes included: the geometry's arithmetic on any size a URL can ask for. The first byte
    /// picks the header. A plan must have an answer size inside the limits.
    static let plan = FuzzTarget(name: "plan", parameterBytes: 1) { bytes in
        var input = FuzzInput(bytes)
        let source = input.choice(planSources)
        let text = String(decoding: input.rest, as: UTF8.self)
        guard let options = (try? ImagePath(parsing: text))?.options ?? (try? ProcessingOptions(parsing: text)),
              let plan = try? FuzzProcessor.shared.plan(source, options: options) else { return false }
        let limit = FuzzProcessor.configuration.limits.maxResultDimension
        let geometry = plan.geometry
        try require((1...limit).contains(geometry.resultWidth) && (1...limit).contains(geometry.resultHeight),
                    "planned a \(geometry.resultWidth)x\(geometry.resultHeight) answer, limit \(limit)")
        return true
    }

    /// Headers to plan for: each sample, and made-up ones 1 pixel by the largest side allowed.
    private static let planSources: [[UInt8]] = {
        let samples = ["landscape.jpg", "rotated-exif6.jpg", "pattern.gif", "logo.png", "badge.svg"].compactMap { name in
            FileManager.default.contents(atPath: FuzzTarget.samplesFolder + "/" + name).map { [UInt8]($0) }
        }
        let tall = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"4096\"/>".utf8)
        let wide = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4096\" height=\"1\"/>".utf8)
        return samples + [tall, wide]
    }()

    /// The repository's Samples folder, found from this file's path (the fuzz executable runs from the repo).
    static var samplesFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples").path
    }
}
