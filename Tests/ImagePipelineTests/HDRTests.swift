import Foundation
import ImageOptions
@testable import ImagePipeline
import Testing
import TestSupport

/// HDR AVIF (10-bit PQ, BT.2020) comes out as 8-bit SDR close to FFmpeg's own tone mapping (zscale to linear at
/// 203 cd/m2, Reinhard, BT.709), and far from a rendering that shows PQ code values as if they were SDR.
@Suite(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"))
struct HDRTests {
    @Test func pqAVIFIsToneMappedLikeFFmpeg() throws {
        let url = TestPaths.corpus.appendingPathComponent("avif/colors_hdr_rec2020.avif")
        let source = Array(try Data(contentsOf: url))
        let processor = try ImageProcessor()
        let info = try processor.probe(source)
        #expect(info.hdrTransfer == .pq && info.bitDepth == 10)
        #expect(try processor.plan(source, options: ProcessingOptions()).mode == .frame(0))
        let ours = try DecodedImage.decode(try processor.process(source, options: try ProcessingOptions(parsing: "f:png")).bytes)

        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hdr-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: output) }
        try Tool.run("ffmpeg", ["-v", "error", "-y", "-i", url.path, "-vf",
                                "zscale=t=linear:npl=203,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=reinhard:desat=0,"
                                    + "zscale=t=iec61966-2-1:m=bt709:r=full,format=rgb24",
                                "-frames:v", "1", output.path])
        let ffmpeg = try DecodedImage.decode(Array(try Data(contentsOf: output)))
        // The two operators differ in detail (per channel vs luminance, peak): about 7.5 apart here.
        #expect(ours.meanAbsoluteDifference(to: ffmpeg) < 12)

        let untouched = try ReferenceRenderer.render(source, width: 200, height: 200)
        #expect(untouched.meanAbsoluteDifference(to: ffmpeg) > 30, "libheif's pixels are not tone-mapped")
    }
}
