import Foundation
import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport
import VipsKit

/// imgproxy's sizing refinements, effects and watermark, end to end through libvips on images made in code.
@Suite struct ImgproxyOptionStepTests {
    typealias S = Synthetic

    @Test func minimumWidthEnlargesWhateverEnlargeSays() throws {
        let source = try S.png(try S.quadrants(width: 400, height: 200))
        let result = try S.process(source, "w:100/mw:600")
        #expect(result.width == 600 && result.height == 300)
        let cropped = try S.process(source, "rs:fill:100:100/mh:300")
        #expect(cropped.width == 100 && cropped.height == 100)
    }

    @Test func zoomMultipliesTheComputedSize() throws {
        let source = try S.png(try S.quadrants(width: 400, height: 200))
        let result = try S.process(source, "w:200/z:0.5")
        #expect(result.width == 100 && result.height == 50)
        let stretched = try S.process(source, "w:200/z:1:0.5")
        #expect(stretched.width == 200 && stretched.height == 50)
    }

    @Test func extendAspectRatioGrowsTheShortSide() throws {
        let source = try S.png(try S.quadrants(width: 400, height: 200))
        let result = try S.process(source, "rs:fit:100:100/exar:1/bg:000000/f:png")
        #expect(result.width == 100 && result.height == 100)
        let decoded = try DecodedImage.decode(result.bytes)
        #expect(decoded.isNear([0, 0, 0], x: 50, y: 5) && decoded.isNear(S.red, x: 10, y: 30))
        let north = try DecodedImage.decode(try S.process(source, "rs:fit:100:100/exar:1:no/bg:000000/f:png").bytes)
        #expect(north.isNear(S.red, x: 10, y: 5) && north.isNear([0, 0, 0], x: 50, y: 95))
    }

    @Test func pixelateMakesFlatBlocks() throws {
        let source = try S.png(try S.noise(width: 64, height: 64))
        let result = try DecodedImage.decode(try S.process(source, "pix:16/f:png").bytes)
        #expect(result.width == 64 && result.height == 64)
        for (blockX, blockY) in [(0, 0), (16, 32), (48, 48)] {
            let first = result.rgb(x: blockX, y: blockY)
            #expect(result.rgb(x: blockX + 15, y: blockY + 15) == first && result.rgb(x: blockX + 7, y: blockY + 3) == first)
        }
        #expect(result.rgb(x: 0, y: 0) != result.rgb(x: 16, y: 0) || result.rgb(x: 0, y: 0) != result.rgb(x: 0, y: 16))
    }

    @Test func colourAdjustments() throws {
        let source = try S.png(try S.framed(width: 20, height: 20, border: 0, inner: [200, 100, 50], outer: [0, 0, 0]))
        let grey = try DecodedImage.decode(try S.process(source, "sa:0/f:png").bytes).rgb(x: 5, y: 5)
        #expect(Set(grey).count == 1 && abs(Int(grey[0]) - 124) <= 2)
        let brighter = try DecodedImage.decode(try S.process(source, "br:40/f:png").bytes).rgb(x: 5, y: 5)
        #expect(brighter == [240, 140, 90])
        let contrast = try DecodedImage.decode(try S.process(source, "co:2/f:png").bytes).rgb(x: 5, y: 5)
        #expect(contrast == [255, 72, 0])
        let offsets = try DecodedImage.decode(try S.process(source, "rgbo:-100:0:10/f:png").bytes).rgb(x: 5, y: 5)
        #expect(offsets == [100, 100, 60])
    }

    @Test func watermarkIsDrawnWhereAskedAndNowhereElse() throws {
        let base = try S.png(try S.framed(width: 200, height: 100, border: 0, inner: [255, 255, 255], outer: [0, 0, 0]))
        let mark = try S.png(try S.framed(width: 20, height: 10, border: 0, inner: [0, 0, 255], outer: [0, 0, 0]))
        let options = try ProcessingOptions(parsing: "wm:1:soea:5:5/f:png")
        let result = try DecodedImage.decode(try processor.process(base, options: options, watermark: mark).bytes)
        // Bottom-right corner, 5 px in: x 175..<195, y 85..<95.
        for y in 0..<100 {
            for x in 0..<200 {
                let inside = (175..<195).contains(x) && (85..<95).contains(y)
                #expect(result.isNear(inside ? [0, 0, 255] : [255, 255, 255], x: x, y: y), "(\(x), \(y))")
                if !result.isNear(inside ? [0, 0, 255] : [255, 255, 255], x: x, y: y) { return }
            }
        }
    }

    @Test func watermarkOpacityScaleAndTiling() throws {
        let base = try S.png(try S.framed(width: 200, height: 100, border: 0, inner: [255, 255, 255], outer: [0, 0, 0]))
        let mark = try S.png(try S.framed(width: 20, height: 10, border: 0, inner: [0, 0, 0], outer: [0, 0, 0]))
        let half = try DecodedImage.decode(try processor.process(
            base, options: try ProcessingOptions(parsing: "wm:0.5:nowe/f:png"), watermark: mark).bytes)
        #expect(half.isNear([128, 128, 128], x: 5, y: 5) && half.isNear([255, 255, 255], x: 25, y: 5))
        let scaled = try DecodedImage.decode(try processor.process(
            base, options: try ProcessingOptions(parsing: "wm:1:nowe:0:0:0.5/f:png"), watermark: mark).bytes)
        #expect(scaled.isNear([0, 0, 0], x: 95, y: 45) && scaled.isNear([255, 255, 255], x: 105, y: 5))
        #expect(scaled.isNear([255, 255, 255], x: 5, y: 55))
        let tiled = try DecodedImage.decode(try processor.process(
            base, options: try ProcessingOptions(parsing: "wm:1:re:20:10/f:png"), watermark: mark).bytes)
        // Tiles of 20x10 every 40 px across and 20 px down.
        #expect(tiled.isNear([0, 0, 0], x: 45, y: 25) && tiled.isNear([255, 255, 255], x: 25, y: 25))
        #expect(tiled.isNear([255, 255, 255], x: 45, y: 15) && tiled.isNear([0, 0, 0], x: 165, y: 85))
    }

    @Test func everyFrameOfAnAnimationCarriesTheMark() throws {
        let gif = try TestPaths.sample("pattern.gif")
        let mark = try S.png(try S.framed(width: 20, height: 10, border: 0, inner: [0, 0, 255], outer: [0, 0, 0]))
        for threads in [1, 2] {
            let result = try processor.process(gif, options: try ProcessingOptions(parsing: "wm:1:nowe/f:webp/q:100"),
                                               watermark: mark, parallelism: { threads })
            let frames = try AnimationFrames.decode(result.bytes)
            #expect(frames.frames.count == 20)
            for (index, frame) in frames.frames.enumerated() {
                #expect(frame.isNear([0, 0, 255], x: 10, y: 5), "frame \(index), \(threads) threads")
            }
        }
    }

    @Test func watermarkWithoutItsImageIsAnError() throws {
        let base = try S.png(try S.quadrants())
        #expect(throws: PipelineError.self) { try S.process(base, "wm:1") }
        #expect(throws: PipelineError.self) {
            try processor.process(base, options: try ProcessingOptions(parsing: "wm:1"), watermark: Array("no".utf8))
        }
    }

    @Test func roundCornersCutTheCornersOnly() throws {
        let source = try S.png(try S.framed(width: 100, height: 60, border: 0, inner: S.blue, outer: S.blue))
        let red = try DecodedImage.decode(try S.process(source, "rc:20:20:ff0000/f:png").bytes)
        #expect(red.isNear([255, 0, 0], x: 1, y: 1) && red.isNear([255, 0, 0], x: 98, y: 58))
        #expect(red.isNear(S.blue, x: 50, y: 30) && red.isNear(S.blue, x: 50, y: 1) && red.isNear(S.blue, x: 1, y: 30))
        let clear = try S.process(source, "rc:20/f:png")
        let info = try ImageProber.probe(clear.bytes)
        #expect(info.hasAlpha)
        // Decoded on white: the cut corners show white.
        #expect(try DecodedImage.decode(clear.bytes).isNear([255, 255, 255], x: 1, y: 1))
    }

    @Test func theResultTurnsAfterTheResize() throws {
        let source = try S.png(try S.quadrants(width: 400, height: 200))
        let turned = try S.process(source, "rs:fill:200:100/rr:90/f:png")
        #expect(turned.width == 100 && turned.height == 200)
        // Clockwise: the top-left red quadrant goes to the top right.
        #expect(try DecodedImage.decode(turned.bytes).isNear(S.red, x: 90, y: 10))
    }

    @Test func canvasFillsFromTheImage() throws {
        let source = try S.png(try S.framed(width: 100, height: 50, border: 0, inner: S.green, outer: S.green))
        let auto = try DecodedImage.decode(try S.process(source, "rs:fit:100:100/ex:1/cf:auto/f:png").bytes)
        #expect(auto.width == 100 && auto.height == 100 && auto.isNear(S.green, x: 50, y: 5))
        let blur = try DecodedImage.decode(try S.process(source, "rs:fit:100:100/ex:1/cf:blur/f:png").bytes)
        #expect(blur.isNear(S.green, x: 50, y: 5) && blur.isNear(S.green, x: 50, y: 50))
    }

    @Test func sizesFromTheSourceAndFocalRegions() throws {
        let source = try S.png(try S.quadrants(width: 400, height: 200))
        let orig = try S.process(source, "rs:fill:0:50/wfs:1")
        #expect(orig.width == 400 && orig.height == 50)
        // A focal region in the bottom-right quadrant pulls a square fill crop there.
        let focal = try DecodedImage.decode(try S.process(source, "rs:fill:100:100/fr:300:150:400:200/f:png").bytes)
        #expect(focal.isNear(S.yellow, x: 90, y: 90) && focal.isNear(S.green, x: 90, y: 10))
    }

    @Test func securityOptionsOverrideTheLimits() throws {
        let source = try S.png(try S.quadrants(width: 400, height: 200))
        #expect(throws: PipelineError.self) { try S.process(source, "msr:0.05") }
        #expect(throws: PipelineError.self) { try S.process(source, "msfs:100") }
        #expect(try S.process(source, "msr:0.08/w:10").width == 10)
    }

    private var processor: ImageProcessor { S.processor }
}
