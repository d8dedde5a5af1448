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

    /// Each thread keeps its last scalers: an answer made after one of another size is the same as one made on a
    /// thread that has kept none.
    @Test func keptScalersNeverChangeAnAnswer() throws {
        let source = try TestPaths.sample("landscape.jpg")
        let wide = try ProcessingOptions(parsing: "w:180/f:jpg")
        let narrow = try ProcessingOptions(parsing: "rs:force:97:61/f:jpg")
        let first = try Self.planar.process(source, options: wide).bytes
        let other = try Self.planar.process(source, options: narrow).bytes
        let again = try Self.planar.process(source, options: wide).bytes
        #expect(first == again)
        #expect(first != other)
        let fresh = try Self.onNewThread { try Self.planar.process(source, options: narrow).bytes }
        #expect(other == fresh)
    }

    /// Runs `body` on a thread of its own and returns what it returned.
    static func onNewThread(_ body: @escaping @Sendable () throws -> [UInt8]) throws -> [UInt8] {
        let outcome = ThreadOutcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Result { try body() }
            done.signal()
        }
        thread.start()
        done.wait()
        return try outcome.result!.get()
    }
}

/// What a thread of `PlanarThumbnailTests.onNewThread` made, read only after it has signalled.
private final class ThreadOutcome: @unchecked Sendable {
    var result: Result<[UInt8], Error>?
}

extension PlanarThumbnailTests {
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

/// Progressive JPEGs reduced by 8 or more are read from their first DC scan alone.
struct ProgressiveDCTests {
    /// A progressive JPEG of the photo sample, and the offsets of its scans (SOS markers).
    static func progressive() throws -> (bytes: [UInt8], scans: [Int]) {
        let photo = try VImage.load(try TestPaths.sample("landscape.jpg"), as: .jpeg)
        let bytes = try photo.encoded(.jpeg(quality: 90, progressive: true, optimizeCoding: false), strip: true)
        let scans = bytes.indices.dropLast().filter { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA }
        return (bytes, scans)
    }

    @Test func laterScansAreNeverDecoded() throws {
        let (source, scans) = try Self.progressive()
        try #require(scans.count > 3)
        // Damage the entropy-coded data of every scan after the first: a full decode sees it, the DC read cannot.
        var damaged = source
        for scan in scans.dropFirst() {
            for offset in stride(from: scan + 40, to: min(scan + 400, damaged.count - 2), by: 7) where damaged[offset] != 0xFF {
                damaged[offset] = damaged[offset] == 0x55 ? 0x2A : 0x55
            }
        }
        let options = try ProcessingOptions(parsing: "w:60/f:jpg")
        let plan = try PlanarThumbnailTests.plan(source, "w:60/f:jpg")
        #expect(PlanarThumbnail.takes(plan, configuration: PlanarThumbnailTests.planar.configuration))
        let clean = try PlanarThumbnailTests.planar.process(source, options: options)
        let fromDamaged = try PlanarThumbnailTests.planar.process(damaged, options: options)
        let same = clean.bytes == fromDamaged.bytes
        #expect(same, "the DC-only read decoded a later scan")
        // The general path decodes every scan, so the damage shows there (or the file is refused).
        let general = try? PlanarThumbnailTests.general.process(damaged, options: options)
        let generalClean = try PlanarThumbnailTests.general.process(source, options: options)
        let generalDiffers = general.map { $0.bytes != generalClean.bytes } ?? true
        #expect(generalDiffers)
        // And the DC-only answer still looks like the photo.
        let difference = try DecodedImage.decode(clean.bytes).meanAbsoluteDifference(to: try DecodedImage.decode(generalClean.bytes))
        #expect(difference < 5, "mean difference \(difference)")
    }

    @Test func aCutProgressiveJPEGIsReadWholeAndRefused() throws {
        let (source, scans) = try Self.progressive()
        let cut = Array(source.prefix(scans[2]))
        let options = try ProcessingOptions(parsing: "w:60/f:jpg")
        let fast = try #require(throws: PipelineError.self) { try PlanarThumbnailTests.planar.process(cut, options: options) }
        #expect(fast.kind == .invalidImage)
    }
}
