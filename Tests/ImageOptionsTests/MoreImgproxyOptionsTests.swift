import MediaFormats
import Testing
@testable import ImageOptions

/// imgproxy's options beyond the basics, by full name and alias, with imgproxy's spellings of booleans.
@Suite struct MoreImgproxyOptionsTests {
    @Test func minimumSizesAndZoom() throws {
        let options = try ProcessingOptions(parsing: "min-width:300/mh:200/zoom:1.5")
        #expect(options.minWidth == 300 && options.minHeight == 200)
        #expect(options.zoomX == 1.5 && options.zoomY == 1.5)
        let twoFactors = try ProcessingOptions(parsing: "z:2:0.5")
        #expect(twoFactors.zoomX == 2 && twoFactors.zoomY == 0.5)
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "z:0") }
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "mw:-1") }
    }

    @Test func extendAspectRatioTakesAGravityButNotSmart() throws {
        let options = try ProcessingOptions(parsing: "extend_aspect_ratio:True:so:0:4")
        #expect(options.extendAspectRatio)
        #expect(options.extendAspectRatioGravity == .anchor(.south, xOffset: 0, yOffset: 4))
        #expect(try ProcessingOptions(parsing: "extend_ar:t") == ProcessingOptions(parsing: "exar:1"))
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "exar:1:sm") }
    }

    @Test func booleansTakeImgproxysSpellings() throws {
        for spelling in ["1", "t", "true", "True", "TRUE", "T"] {
            #expect(try ProcessingOptions(parsing: "enforce_thumbnail:\(spelling)").enforceThumbnail)
            #expect(try ProcessingOptions(parsing: "raw:\(spelling)").raw)
        }
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "raw:yes") }
    }

    @Test func effectsAndColour() throws {
        let options = try ProcessingOptions(parsing: "pix:8/br:-20/co:1.5/sa:0")
        #expect(options.pixelate == 8)
        #expect(options.adjustment.brightness == -20 && options.adjustment.contrast == 1.5)
        #expect(options.adjustment.saturation == 0)
        #expect(try ProcessingOptions(parsing: "a:-20:1.5:0").adjustment == options.adjustment)
    }

    @Test func watermarkFollowsImgproxysGrammar() throws {
        let options = try ProcessingOptions(parsing: "wm:0.5:soea:10:20:0.25")
        let mark = try #require(options.watermark)
        #expect(mark.opacity == 0.5 && mark.widthRatio == 0.25 && mark.source == nil)
        #expect(mark.horizontal == WatermarkOptions.Axis(edge: .end, offset: 10))
        #expect(mark.vertical == WatermarkOptions.Axis(edge: .end, offset: 20))
        let tiled = try #require(try ProcessingOptions(parsing: "watermark:1:re").watermark)
        #expect(tiled.horizontal.edge == .repeated && tiled.vertical.edge == .repeated)
        #expect(try ProcessingOptions(parsing: "wm:0.5/wm:0").watermark == nil)
        let url = try #require(try ProcessingOptions(parsing: "wm:1/wmu:aHR0cHM6Ly9leGFtcGxlLmNvbS9tLnBuZw").watermark)
        #expect(url.source == "https://example.com/m.png")
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "wm:1:middle") }
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "wm:2") }
    }

    @Test func passThroughOptions() throws {
        let options = try ProcessingOptions(parsing: "skp:svg:gif:jpeg")
        #expect(options.skipProcessing == [.svg, .gif, .jpeg])
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "skp:doc") }
    }

    @Test func securityOptionsParseIntoOverrides() throws {
        let options = try ProcessingOptions(parsing: "msr:12.5/msfs:100000/maf:20/mafr:2")
        #expect(options.sourceLimits.maxResolution == 12.5)
        #expect(options.sourceLimits.maxFileSize == 100_000)
        #expect(options.sourceLimits.maxAnimationFrames == 20)
        #expect(options.sourceLimits.maxAnimationFrameResolution == 2)
        let long = try ProcessingOptions(parsing: "max_src_resolution:12.5/max_src_file_size:100000/"
            + "max_animation_frames:20/max_animation_frame_resolution:2")
        #expect(long == options)
        #expect(ProcessingOptions().sourceLimits.isEmpty)
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: "maf:0") }
        #expect(try ProcessingOptions(parsing: "max_result_dimension:500").sourceLimits.maxResultDimension == 500)
        #expect(try ProcessingOptions(parsing: "mrd:500") == ProcessingOptions(parsing: "max_result_dimension:500"))
        #expect(try ProcessingOptions(parsing: "fn:cGhvdG8gMQ:1").filename == "photo 1")
    }
}
