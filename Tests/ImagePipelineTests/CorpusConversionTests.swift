import Foundation
import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport

/// Every corpus image converts to the requested size in every output format, looking like an independent
/// full-decode rendering, or is refused with a typed error; hostile files are refused or handled.
@Suite(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"))
struct CorpusConversionTests {
    /// Files libvips 8.14 / libheif 1.15 on Debian 12 cannot decode; each must be refused with a typed error.
    static let knownUndecodable: Set<String> = [
        "avif/clap_irot_imir_non_essential.avif",  // libheif: mirroring needs 8-bit
        "jpeg/testimgl.jpg",  // lossless JPEG (SOF3)
        "tiff/ojpeg-tile.tif", "tiff/subsampled.tif",  // tiff2vips: subsampled YCbCr
        "heic/avc32.heif", "heic/jpeg32.heif", "heic/unci32.heif", "heic/vvc32.heif", "heic/seq_seed.heif",
    ]
    static let images = CorpusManifest.entries { !$0.isHostile && $0.folder != "video" }
    static let processor = try! ImageProcessor()

    @Test(arguments: images, ImageFormat.outputFormats)
    func convertsToRequestedSize(entry: CorpusEntry, format: ImageFormat) throws {
        let source = try entry.bytes()
        var options = try ProcessingOptions(parsing: "rs:fit:160:160:1")
        options.format = format
        let result: ProcessedImage
        do {
            result = try Self.processor.process(source, options: options)
        } catch let error as PipelineError {
            #expect(Self.knownUndecodable.contains(entry.file), "\(error)")
            return
        }
        #expect(!Self.knownUndecodable.contains(entry.file), "now decodes: update the list")
        let info = try ImageProber.probe(source)
        let outputInfo = try ImageProber.probe(result.bytes)
        #expect(outputInfo.format == (format == .apng ? .png : format))
        #expect(outputInfo.width == result.width && outputInfo.height == result.height)
        #expect(max(result.width, result.height) == 160)
        let aspect = Double(info.displayWidth) / Double(info.displayHeight)
        if result.width >= result.height {
            #expect(abs(Double(result.height) - 160 / aspect) <= 1, "display \(info.displayWidth)x\(info.displayHeight)")
        } else {
            #expect(abs(Double(result.width) - 160 * aspect) <= 1, "display \(info.displayWidth)x\(info.displayHeight)")
        }
        // GIF has 1-bit transparency: partial alpha cannot match a rendering flattened on white.
        if format == .gif, info.hasAlpha { return }
        // libvips 8.14 cannot render AVIF sequences (it reads a primary item, without the alpha track);
        // AnimationCorpusTests compares them frame by frame against libavif instead.
        if info.format == .avif, info.animated { return }
        // HDR is tone-mapped (libvips shows PQ code values untouched); HDRTests compares with FFmpeg's tone mapping.
        if info.hdrTransfer != nil { return }
        let ours = try DecodedImage.decode(result.bytes)
        // An APNG's first frame (its default image may be a fallback outside the animation), as FFmpeg shows it.
        let reference = info.format == .png && info.animated
            ? try DecodedImage.normalise(try ReferenceAPNGFrames.decode(source, width: info.width, height: info.height)[0],
                                         resizeTo: (result.width, result.height))
            : try ReferenceRenderer.render(source, width: result.width, height: result.height)
        let difference = ours.meanAbsoluteDifference(to: reference)
        // Wrong colours, orientation or crops give 30-150; lossy encoding of fine detail at 160 px gives up to ~10.
        let limit: Double = switch format {
        case .gif: 14
        case .png: 8
        default: 11
        }
        #expect(difference < limit, "mean difference \(difference)")
    }

    /// Bombs declared in the header are refused by the plan, before any pixel is decoded.
    @Test(arguments: ["bad/giant-image.jpg", "bad/65536-uint32-limit.png", "bad/17000x17000.avif",
                      "bad/decompression_bomb.gif", "bad/syntax_num_frames_invalid.png"])
    func bombsAreRefusedFromTheHeader(file: String) throws {
        let bytes = Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(file)))
        let error = try #require(throws: PipelineError.self) {
            try Self.processor.plan(bytes, options: ProcessingOptions(parsing: "rs:fit:300:300"))
        }
        #expect(error.kind == .sourceTooLarge)
    }

    @Test(arguments: CorpusManifest.entries { $0.isHostile })
    func hostileFilesAreRefusedOrHandled(entry: CorpusEntry) throws {
        var options = try ProcessingOptions(parsing: "rs:fit:300:300")
        options.format = .png
        do {
            let result = try Self.processor.process(try entry.bytes(), options: options)
            let decoded = try DecodedImage.decode(result.bytes)
            #expect(decoded.width == result.width && decoded.width <= 300 && decoded.height <= 300)
        } catch let error as PipelineError {
            #expect(error.kind != .invalidConfiguration)
        }
    }
}
