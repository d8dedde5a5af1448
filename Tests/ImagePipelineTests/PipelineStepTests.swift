import Foundation
import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import VipsKit

/// Each step, end to end through the real pipeline and libvips, on images made in code.
@Suite struct PipelineStepTests {
    typealias S = Synthetic

    @Test func fillWithGravityKeepsTheAnchoredSide() throws {
        let source = try S.png(try S.quadrants())
        let west = try DecodedImage.decode(try S.process(source, "rs:fill:100:100/g:we").bytes)
        #expect(west.width == 100 && west.height == 100)
        #expect(west.isNear(S.red, x: 10, y: 10) && west.isNear(S.blue, x: 10, y: 90))
        #expect(west.isNear(S.red, x: 90, y: 10))
        let east = try DecodedImage.decode(try S.process(source, "rs:fill:100:100/g:ea").bytes)
        #expect(east.isNear(S.green, x: 10, y: 10) && east.isNear(S.yellow, x: 90, y: 90))
    }

    @Test(arguments: [(1000, 3, 16, 1), (3, 1000, 1, 16)])
    func aSliverResizedSmallKeepsAPixel(width: Int, height: Int, expectedWidth: Int, expectedHeight: Int) throws {
        let pixels = [UInt8](repeating: 90, count: width * height * 3)
        let source = try VImage.fromPixels(pixels, width: width, height: height, bands: 3)
            .encoded(.png(compression: 1, palette: false, quality: 100), strip: true)
        let result = try S.process(source, "rs:fit:16:16")
        #expect(result.width == expectedWidth && result.height == expectedHeight)
    }

    @Test func focusPointCentresTheWindow() throws {
        let source = try S.png(try S.quadrants())
        let result = try DecodedImage.decode(try S.process(source, "rs:fill:100:100/g:fp:0.9:0.5").bytes)
        #expect(result.isNear(S.green, x: 50, y: 10) && result.isNear(S.yellow, x: 50, y: 90))
    }

    @Test func smartCropFindsTheBusyRegion() throws {
        var pixels = [UInt8](repeating: 128, count: 600 * 200 * 3)
        for y in 40..<160 {
            for x in 440..<560 where (x / 8 + y / 8) % 2 == 0 {
                let index = (y * 600 + x) * 3
                pixels[index] = 250
                pixels[index + 1] = 20
                pixels[index + 2] = 20
            }
        }
        let source = try S.png(try VImage.fromPixels(pixels, width: 600, height: 200, bands: 3))
        let result = try DecodedImage.decode(try S.process(source, "rs:fill:200:200/g:sm").bytes)
        let reds = (0..<200).filter { result.rgb(x: $0, y: 100)[0] > 200 }.count
        #expect(reds > 50)
    }

    @Test func cropBeforeResize() throws {
        let source = try S.png(try S.quadrants())
        let result = try S.process(source, "c:0.5:1:we")
        #expect(result.width == 200 && result.height == 200)
        let decoded = try DecodedImage.decode(result.bytes)
        #expect(decoded.isNear(S.red, x: 190, y: 10) && decoded.isNear(S.blue, x: 190, y: 190))
    }

    @Test func trimRemovesTheBorder() throws {
        let source = try S.png(try S.framed(width: 140, height: 120, border: 20, inner: S.red, outer: [255, 255, 255]))
        let result = try S.process(source, "t:10")
        #expect(result.width == 100 && result.height == 80)
        #expect(try DecodedImage.decode(result.bytes).isNear(S.red, x: 0, y: 0))
    }

    @Test func extendPlacesTheImageOnTheCanvas() throws {
        let source = try S.jpeg(try S.framed(width: 100, height: 50, border: 0, inner: S.red, outer: S.red))
        let centred = try S.process(source, "rs:fit:200:200:0:1/bg:0000ff")
        #expect(centred.width == 200 && centred.height == 200)
        let decoded = try DecodedImage.decode(centred.bytes)
        #expect(decoded.isNear([0, 0, 255], x: 100, y: 10) && decoded.isNear(S.red, x: 100, y: 100))
        let top = try DecodedImage.decode(try S.process(source, "rs:fit:200:200:0:1:no/bg:0000ff").bytes)
        #expect(top.isNear(S.red, x: 100, y: 10) && top.isNear([0, 0, 255], x: 100, y: 150))
    }

    @Test func extendIsTransparentWhereTheFormatKeepsAlpha() throws {
        let source = try S.png(try S.quadrants(width: 100, height: 50))
        let result = try S.process(source, "rs:fit:200:200:0:1/f:png")
        let image = try VImage.load(result.bytes, as: .png)
        #expect(image.hasAlpha)
        #expect(try image.pixel(x: 100, y: 10).last == 0)
        #expect(try image.pixel(x: 100, y: 100).last == 255)
    }

    @Test func paddingAddsBackground() throws {
        let source = try S.png(try S.quadrants(width: 100, height: 100))
        let result = try S.process(source, "pd:10:20/bg:00ff00/f:jpg")
        #expect(result.width == 140 && result.height == 120)
        let decoded = try DecodedImage.decode(result.bytes)
        #expect(decoded.isNear([0, 255, 0], x: 2, y: 2) && decoded.isNear(S.red, x: 30, y: 20))
    }

    @Test func rotateAndFlip() throws {
        let source = try S.png(try S.quadrants())
        let rotated = try S.process(source, "rot:90")
        #expect(rotated.width == 200 && rotated.height == 400)
        let decoded = try DecodedImage.decode(rotated.bytes)
        #expect(decoded.isNear(S.blue, x: 10, y: 10) && decoded.isNear(S.red, x: 190, y: 10))
        let flipped = try DecodedImage.decode(try S.process(source, "fl:1:0").bytes)
        #expect(flipped.isNear(S.green, x: 10, y: 10) && flipped.isNear(S.red, x: 390, y: 10))
    }

    /// A JPEG stored in each of the eight EXIF orientations comes out upright.
    @Test(arguments: 1...8)
    func exifOrientationIsApplied(orientation: Int) throws {
        let upright = try S.quadrants(width: 200, height: 100)
        let transform = OrientationTransform(exifOrientation: orientation)
        var stored = transform.mirrored ? try upright.flippedHorizontally() : upright
        if let inverse = QuarterTurn(rawValue: (4 - transform.quarterTurns) % 4 * 90), inverse != .none {
            stored = try stored.rotated(inverse)
        }
        let bytes = try S.jpeg(try stored.withOrientation(orientation))
        #expect(try ImageProber.probe(bytes).orientation == orientation)
        let result = try S.process(bytes, "")
        #expect(result.width == 200 && result.height == 100)
        let decoded = try DecodedImage.decode(result.bytes)
        #expect(decoded.isNear(S.red, x: 20, y: 20, tolerance: 20) && decoded.isNear(S.green, x: 180, y: 20, tolerance: 20))
        #expect(decoded.isNear(S.blue, x: 20, y: 80, tolerance: 20) && decoded.isNear(S.yellow, x: 180, y: 80, tolerance: 20))
        #expect(try ImageProber.probe(result.bytes).orientation == 1)
    }

    @Test func blurSoftensAndSharpenChangesEdges() throws {
        let source = try S.png(try S.quadrants(width: 100, height: 100))
        let plain = try DecodedImage.decode(try S.process(source, "f:png").bytes)
        let blurred = try DecodedImage.decode(try S.process(source, "bl:3/f:png").bytes)
        let edge = blurred.rgb(x: 49, y: 20)
        #expect(edge[0] < 200 && edge[1] > 60, "\(edge)")
        #expect(plain.isNear(S.red, x: 49, y: 20, tolerance: 2))
        let sharpened = try DecodedImage.decode(try S.process(source, "sh:2/f:png").bytes)
        #expect(sharpened.meanAbsoluteDifference(to: plain) > 0)
    }

    @Test func alphaIsFlattenedOntoTheBackgroundForJPEG() throws {
        let source = try S.png(try S.quadrants(width: 60, height: 60, alpha: 0))
        let white = try DecodedImage.decode(try S.process(source, "f:jpg").bytes)
        #expect(white.isNear([255, 255, 255], x: 10, y: 10, tolerance: 3))
        let tinted = try DecodedImage.decode(try S.process(source, "f:jpg/bg:ff0000").bytes)
        #expect(tinted.isNear([255, 0, 0], x: 10, y: 10, tolerance: 6))
        let kept = try S.process(source, "f:webp")
        #expect(try ImageProber.probe(kept.bytes).hasAlpha)
    }

    @Test func maxBytesLowersQualityUntilItFits() throws {
        let source = try S.png(try S.noise(width: 300, height: 300))
        let unbounded = try S.process(source, "f:jpg")
        let bounded = try S.process(source, "f:jpg/mb:40000")
        #expect(unbounded.bytes.count > 40000)
        #expect(bounded.bytes.count <= 40000, "\(bounded.bytes.count)")
        let webp = try S.process(source, "f:webp/mb:30000")
        #expect(webp.bytes.count <= 30000, "\(webp.bytes.count)")
    }

    @Test func metadataIsStrippedUnlessKept() throws {
        let exif = try #require(MinimalEXIF.make(copyright: "Copyright Example Owner", artist: "Example Artist"))
        let tagged = try S.quadrants(width: 64, height: 64).withBlob(exif, named: "exif-data")
        let source = try S.jpeg(tagged)
        #expect(contains(source, "Example Owner"))
        #expect(!contains(try S.process(source, "f:jpg").bytes, "Exif"))
        let kept = try S.process(source, "kcr:1/f:jpg").bytes
        #expect(contains(kept, "Copyright Example Owner") && contains(kept, "Example Artist"))
        #expect(contains(try S.process(source, "sm:0/f:jpg").bytes, "Example Owner"))
        for format in ["webp", "avif", "png"] {
            #expect(!contains(try S.process(source, "f:\(format)").bytes, "Example Owner"), "\(format)")
        }
    }

    @Test func sixteenBitBecomesEightBit() throws {
        let sixteen = try S.quadrants(width: 64, height: 64).converted(to: .rgb16)
        let source = try sixteen.encoded(.png(compression: 1, palette: false, quality: 100), strip: false)
        #expect(try ImageProber.probe(source).bitDepth == 16)
        let result = try S.process(source, "f:png")
        #expect(try ImageProber.probe(result.bytes).bitDepth == 8)
        #expect(try DecodedImage.decode(result.bytes).isNear(S.red, x: 5, y: 5, tolerance: 4))
    }

    @Test func outputFormatDefaultsToTheSourceFormat() throws {
        let image = try S.quadrants(width: 32, height: 32)
        #expect(try S.process(try S.png(image), "").format == .png)
        let webp = try image.encoded(.webp(quality: 80, lossless: false, effort: 0), strip: false)
        #expect(try S.process(webp, "").format == .webp)
        #expect(try ImageProber.probe(try S.process(webp, "").bytes).format == .webp)
    }

    private func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
