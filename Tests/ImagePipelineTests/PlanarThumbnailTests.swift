import Foundation
import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport
import VipsKit

/// The JPEG thumbnail in the YUV domain: which jobs take it, and that its answers match the general path's.
struct PlanarThumbnailTests {
    typealias S = Synthetic
    static let planar = try! ImageProcessor()
    static let general: ImageProcessor = {
        var configuration = PipelineConfiguration()
        configuration.planarJPEG = false
        return try! ImageProcessor(configuration: configuration)
    }()

    static func plan(_ bytes: [UInt8], _ options: String) throws -> ProcessingPlan {
        try planar.plan(bytes, options: try ProcessingOptions(parsing: options))
    }

    @Test func takesPlainDownscalesToJPEGAndWebPOnly() throws {
        let photo = try TestPaths.sample("landscape.jpg")
        let configuration = PipelineConfiguration()
        for options in ["rs:fit:200:200/f:jpg", "w:120/f:webp", "rs:force:90:40/f:jpg", "rs:fill:100:100:0/f:webp"]
        where !options.contains("fill") {
            #expect(PlanarThumbnail.takes(try Self.plan(photo, options), configuration: configuration), "\(options)")
        }
        for options in ["rs:fit:200:200/f:png", "w:120/bl:2/f:jpg", "w:120/sh:1/f:jpg", "rs:fill:100:100/f:jpg",
                        "c:50:50/w:40/f:jpg", "w:100/pd:4/f:jpg", "w:100/sm:0/f:jpg", "w:100/mb:2000/f:jpg",
                        "rs:fit:5000:5000:1/f:jpg", "w:100/rot:90/f:jpg", "w:100/f:avif"] {
            #expect(!PlanarThumbnail.takes(try Self.plan(photo, options), configuration: configuration), "\(options)")
        }
        let rotated = try TestPaths.sample("rotated-exif6.jpg")
        #expect(!PlanarThumbnail.takes(try Self.plan(rotated, "w:100/f:jpg"), configuration: configuration))
    }

    /// 4:2:0 (quality 80) and 4:4:4 (quality 95) encodings of the photo sample, to JPEG at both chroma layouts and
    /// WebP: the planar answer has the general path's size and format and the same picture.
    @Test(arguments: [("w:180/q:80/f:jpg", 80), ("w:180/q:95/f:jpg", 95), ("rs:fit:97:61/q:90/f:jpg", 80),
                      ("w:180/f:webp", 95), ("rs:force:51:77/f:webp", 80)])
    func answersMatchTheGeneralPath(options: String, sourceQuality: Int) throws {
        let photo = try VImage.load(try TestPaths.sample("landscape.jpg"), as: .jpeg)
        let source = try S.jpeg(photo, quality: sourceQuality)
        let parsed = try ProcessingOptions(parsing: options)
        #expect(PlanarThumbnail.takes(try Self.plan(source, options), configuration: Self.planar.configuration))
        let fast = try Self.planar.process(source, options: parsed)
        let slow = try Self.general.process(source, options: parsed)
        #expect(fast.format == slow.format)
        #expect(fast.width == slow.width && fast.height == slow.height)
        let fastInfo = try ImageProber.probe(fast.bytes)
        #expect(fastInfo.format == slow.format)
        #expect(fastInfo.width == slow.width && fastInfo.height == slow.height)
        let fastPixels = try DecodedImage.decode(fast.bytes)
        let difference = fastPixels.meanAbsoluteDifference(to: try DecodedImage.decode(slow.bytes))
        #expect(difference < 5, "mean difference \(difference)")
    }

    @Test func thePhotoSampleLooksLikeItsReference() throws {
        let photo = try TestPaths.sample("landscape.jpg")
        for format in ["jpg", "webp"] {
            let result = try Self.planar.process(photo, options: try ProcessingOptions(parsing: "w:300/f:\(format)"))
            let reference = try ReferenceRenderer.render(photo, width: result.width, height: result.height)
            let difference = try DecodedImage.decode(result.bytes).meanAbsoluteDifference(to: reference)
            #expect(difference < 4, "\(format): mean difference \(difference)")
        }
    }

    @Test func aTruncatedJPEGIsRefusedAsTheGeneralPathRefusesIt() throws {
        let photo = try TestPaths.sample("landscape.jpg")
        let cut = Array(photo.prefix(photo.count / 2))
        let options = try ProcessingOptions(parsing: "w:100/f:jpg")
        let fast = try #require(throws: PipelineError.self) { try Self.planar.process(cut, options: options) }
        let slow = try #require(throws: PipelineError.self) { try Self.general.process(cut, options: options) }
        #expect(fast.kind == .invalidImage && slow.kind == .invalidImage)
    }

    @Test func greyscaleJPEGsFallBackToTheGeneralPath() throws {
        let grey = try S.jpeg(try S.noise(width: 200, height: 100).converted(to: .greyscale), quality: 90)
        let result = try Self.planar.process(grey, options: try ProcessingOptions(parsing: "w:50/f:jpg"))
        let info = try ImageProber.probe(result.bytes)
        #expect(result.width == 50 && info.format == .jpeg)
    }
}
