import Foundation
import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport
import VipsKit

/// Our DC-only entropy decoder for baseline JPEGs shrunk by 8, against libjpeg reading the same files: the same
/// luma and full-resolution chroma sample for sample, one chroma sample per block for subsampled files, and any
/// stream it does not find clean handed back to libjpeg.
struct DCDecoderTests {
    static let own = try! ImageProcessor()
    static let libjpeg: ImageProcessor = {
        var configuration = PipelineConfiguration()
        configuration.planarDCDecoder = false
        return try! ImageProcessor(configuration: configuration)
    }()

    /// The photo sample (1600x1067) as a baseline JPEG: 4:2:0 below quality 90, 4:4:4 from 90, with custom
    /// Huffman tables and, when asked, a restart marker every `restarts` MCUs.
    static func photo(quality: Int, restarts: Int = 0) throws -> [UInt8] {
        let image = try VImage.load(try TestPaths.sample("landscape.jpg"), as: .jpeg)
        return try image.encoded(.jpeg(quality: quality, progressive: false, optimizeCoding: true,
                                       restartInterval: restarts), strip: true)
    }

    static func both(_ bytes: [UInt8], _ options: String) throws -> (own: ProcessedImage, libjpeg: ProcessedImage) {
        let parsed = try ProcessingOptions(parsing: options)
        let plan = try own.plan(bytes, options: parsed)
        #expect(PlanarThumbnail.takes(plan, configuration: own.configuration), "\(options)")
        return (try own.process(bytes, options: parsed), try libjpeg.process(bytes, options: parsed))
    }

    @Test(arguments: [0, 1, 7], ["w:150/q:80/f:jpg", "rs:fit:120:120/f:webp"])
    func fullChromaIsLibjpegsByteForByte(restarts: Int, options: String) throws {
        let (own, libjpeg) = try Self.both(try Self.photo(quality: 95, restarts: restarts), options)
        let same = own.bytes == libjpeg.bytes
        #expect(same)
    }

    /// Subsampled chroma comes at one sample per block rather than through libjpeg's 2x2 transform, so the answers
    /// differ (which shows our decoder read them, restart markers included), and are barely further from a
    /// full-decode rendering (the luma is the same).
    @Test(arguments: [0, 3, 64])
    func subsampledChromaIsReadByOurDecoderAndLooksTheSame(restarts: Int) throws {
        let (own, libjpeg) = try Self.both(try Self.photo(quality: 80, restarts: restarts), "w:150/f:webp")
        #expect(own.bytes != libjpeg.bytes)
        let reference = try ReferenceRenderer.render(try TestPaths.sample("landscape.jpg"), width: own.width,
                                                     height: own.height)
        let ours = try DecodedImage.decode(own.bytes).meanAbsoluteDifference(to: reference)
        let theirs = try DecodedImage.decode(libjpeg.bytes).meanAbsoluteDifference(to: reference)
        #expect(ours < theirs * 1.1, "mean difference to the reference: ours \(ours), libjpeg's \(theirs)")
    }

    /// Restart markers renumbered or removed: our decoder hands the stream back, so the answer is libjpeg's.
    @Test func badRestartMarkersAreLeftToLibjpeg() throws {
        let source = try Self.photo(quality: 80, restarts: 3)
        let markers = source.indices.dropLast().filter { source[$0] == 0xFF && (0xD0...0xD7).contains(source[$0 + 1]) }
        try #require(markers.count > 10)
        var renumbered = source
        renumbered[markers[4] + 1] = renumbered[markers[4] + 1] == 0xD7 ? 0xD0 : renumbered[markers[4] + 1] + 1
        var removed = source
        removed.removeSubrange(markers[5]...(markers[5] + 1))
        for damaged in [renumbered, removed] {
            let options = try ProcessingOptions(parsing: "w:150/f:webp")
            let own = Result { try Self.own.process(damaged, options: options).bytes }
            let libjpeg = Result { try Self.libjpeg.process(damaged, options: options).bytes }
            switch (own, libjpeg) {
            case let (.success(ours), .success(theirs)): #expect(ours == theirs)
            case let (.failure(ours), .failure(theirs)): #expect("\(ours)" == "\(theirs)")
            default: Issue.record("one decoder refused what the other read")
            }
        }
    }

    @Test(arguments: [80, 95])
    func aCutBaselineJPEGIsRefusedAsLibjpegRefusesIt(quality: Int) throws {
        let source = try Self.photo(quality: quality)
        let cut = Array(source.prefix(source.count * 2 / 3))
        let options = try ProcessingOptions(parsing: "w:150/f:jpg")
        let own = try #require(throws: PipelineError.self) { try Self.own.process(cut, options: options) }
        #expect(own.kind == .invalidImage)
    }

    static let corpusJPEGs = CorpusManifest.entries { $0.folder == "jpeg" && $0.file.hasSuffix(".jpg") }

    /// Every corpus JPEG the planar path takes at 1/8 looks the same through either decoder (or both refuse it).
    @Test(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"), arguments: corpusJPEGs)
    func corpusAnswersMatchLibjpegs(entry: CorpusEntry) throws {
        let source = try entry.bytes()
        let info = try Self.own.probe(source)
        let side = max(1, min(info.width, info.height) / 10)
        let options = try ProcessingOptions(parsing: "rs:fit:\(side):\(side)/q:80/f:jpg")
        let plan = try Self.own.plan(source, options: options)
        guard PlanarThumbnail.takes(plan, configuration: Self.own.configuration) else { return }
        let own = Result { try Self.own.process(source, options: options).bytes }
        let libjpeg = Result { try Self.libjpeg.process(source, options: options).bytes }
        switch (own, libjpeg) {
        case let (.success(ours), .success(theirs)):
            let difference = try DecodedImage.decode(ours).meanAbsoluteDifference(to: try DecodedImage.decode(theirs))
            #expect(difference < 3, "mean difference \(difference)")
        case let (.failure(ours), .failure(theirs)): #expect("\(ours)" == "\(theirs)")
        default: Issue.record("one decoder refused what the other read")
        }
    }
}
