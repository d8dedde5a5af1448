import Foundation
import MediaFormats
import Testing
import TestSupport
@testable import ImagePipeline
import ImageOptions

/// The probe agrees with vipsheader/ffprobe (MANIFEST.tsv) on every corpus file it measured.
@Suite(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"))
struct ProbeCorpusTests {
    static let measured = CorpusManifest.entries {
        !$0.isHostile && $0.width != nil && $0.folder != "video"
            && ($0.measuredBy.hasPrefix("vipsheader") || $0.measuredBy.hasPrefix("ffprobe"))
    }

    @Test(arguments: measured)
    func probeMatchesManifest(entry: CorpusEntry) throws {
        let info = try ImageProber.probe(try entry.bytes())
        #expect(info.width == entry.width)
        #expect(info.height == entry.height)
        let framesAreComparable = ["gif", "webp"].contains(entry.folder)
            || (entry.folder == "avif" && entry.measuredBy.hasPrefix("ffprobe"))
        if framesAreComparable, let frames = entry.frames {
            #expect(info.frames == frames)
        }
        #expect(info.format.rawValue.hasPrefix(String(entry.folder.prefix(3))) || entry.folder == "heic" && info.format == .heic
                || entry.folder == "jpeg" && info.format == .jpeg)
    }

    @Test func orientationComesFromEXIF() throws {
        for index in 1...8 where index > 1 {
            let entry = try #require(CorpusManifest.entries.first { $0.file == "jpeg/Landscape_\(index).jpg" })
            let info = try ImageProber.probe(try entry.bytes())
            #expect(info.orientation == index)
            #expect(info.displayWidth == 600 && info.displayHeight == 450)
        }
    }

    @Test(arguments: CorpusManifest.entries { $0.folder == "video" })
    func videosAreRecognisedAsVideo(entry: CorpusEntry) throws {
        let info = try ImageProber.probe(try entry.bytes())
        #expect(info.format == .mp4 || info.format == .webm)
    }
}
