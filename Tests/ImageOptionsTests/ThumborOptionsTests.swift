import ImageOptions
import MediaFormats
import Testing

/// thumbor paths read into the same typed options as the other dialect, with thumbor 7.8's semantics.
struct ThumborOptionsTests {
    static func request(_ path: String) throws -> (source: String, options: ProcessingOptions) {
        try ThumborPath(parsing: path).request()
    }

    @Test func sizesCropByDefaultAndFitIn() throws {
        let cropped = try Self.request("/unsafe/300x200/a.jpg")
        #expect(cropped.source == "local:///a.jpg")
        #expect(cropped.options.resizingType == .fill && cropped.options.enlarge)
        #expect(cropped.options.width == 300 && cropped.options.height == 200 && cropped.options.gravity == .center)
        // thumbor's default leaves the EXIF orientation alone.
        #expect(!cropped.options.autoRotate)
        let oneSide = try Self.request("/unsafe/300x0/http://example.com/a.jpg").options
        #expect(oneSide.resizingType == .fit && oneSide.enlarge && oneSide.width == 300 && oneSide.height == 0)
        let fitted = try Self.request("/unsafe/fit-in/300x300/a.jpg").options
        #expect(fitted.resizingType == .fit && !fitted.enlarge)
        #expect(try Self.request("/unsafe/fit-in/300x300/filters:upscale()/a.jpg").options.enlarge)
        #expect(try !Self.request("/unsafe/300x200/filters:no_upscale()/a.jpg").options.enlarge)
        let original = try Self.request("/unsafe/a.jpg").options
        #expect(original.width == 0 && original.height == 0)
    }

    @Test func alignmentsAndManualCropsAreMirroredWithTheFlips() throws {
        // Our pipeline mirrors before cropping, thumbor after: a left alignment on a mirrored image is the east.
        let flipped = try Self.request("/unsafe/-300x200/left/top/a.jpg").options
        #expect(flipped.flip == Flip(horizontal: true) && flipped.gravity == .anchor(.northEast))
        #expect(try Self.request("/unsafe/300x-200/left/top/a.jpg").options.gravity == .anchor(.southWest))
        #expect(try Self.request("/unsafe/300x200/right/bottom/a.jpg").options.gravity == .anchor(.southEast))
        #expect(try Self.request("/unsafe/300x200/smart/a.jpg").options.gravity == .smart)
        let crop = try Self.request("/unsafe/10x20:110x220/100x100/a.jpg").options.crop
        #expect(crop == CropOptions(width: 100, height: 200, gravity: .anchor(.northWest, xOffset: 10, yOffset: 20)))
        let mirrored = try Self.request("/unsafe/10x20:110x220/-100x100/a.jpg").options.crop
        #expect(mirrored == CropOptions(width: 100, height: 200, gravity: .anchor(.northEast, xOffset: 10, yOffset: 20)))
        // thumbor drops a crop whose corners are the wrong way round.
        #expect(try Self.request("/unsafe/110x20:10x220/a.jpg").options.crop == nil)
    }

    @Test func filtersBecomeOptions() throws {
        let options = try Self.request("/unsafe/300x200/filters:quality(70):format(webp):blur(5,2):max_bytes(9000)"
            + ":background_color(ff8000):strip_icc():strip_exif()/a.png").options
        #expect(options.quality == 70 && options.format == .webp && options.blur == 2 && options.maxBytes == 9000)
        #expect(options.background == RGBColor(red: 255, green: 128, blue: 0) && options.stripColorProfile)
        #expect(try Self.request("/unsafe/filters:format(jpeg)/a.png").options.format == .jpeg)
        #expect(try Self.request("/unsafe/filters:blur(4)/a.png").options.blur == 4)
    }

    @Test func colourFiltersFollowThumborsArithmetic() throws {
        let options = try Self.request("/unsafe/filters:brightness(10):contrast(20):saturation(0.5):rgb(10,-20,0)/a.jpg").options
        #expect(options.adjustment.brightness == 25.5)
        #expect(abs(options.adjustment.contrast - 1.44) < 1e-9 && options.adjustment.saturation == 0.5)
        #expect(options.adjustment.channelOffsets == [25.5, -51, 0])
        #expect(try Self.request("/unsafe/filters:grayscale()/a.jpg").options.adjustment.saturation == 0)
    }

    @Test func origFocalRotateRoundCornerSharpenAndFills() throws {
        let orig = try Self.request("/unsafe/origx100/a.jpg").options
        #expect(orig.widthFromSource && !orig.heightFromSource && orig.height == 100 && orig.resizingType == .fill)
        #expect(try Self.request("/unsafe/filters:focal(10x20:110x220)/a.jpg").options.focalRegion
            == FocalRegion(left: 10, top: 20, right: 110, bottom: 220))
        #expect(try Self.request("/unsafe/filters:rotate(90)/a.jpg").options.resultQuarterTurns == 3)
        #expect(try Self.request("/unsafe/filters:rotate(-90)/a.jpg").options.resultQuarterTurns == 1)
        #expect(try Self.request("/unsafe/filters:round_corner(20|10,255,0,0)/a.jpg").options.roundCorners
            == RoundCorners(radiusX: 20, radiusY: 10, color: RGBColor(red: 255, green: 0, blue: 0)))
        #expect(try Self.request("/unsafe/filters:round_corner(5,1,2,3,1)/a.jpg").options.roundCorners?.color == nil)
        #expect(try Self.request("/unsafe/filters:sharpen(2,1.5,true)/a.jpg").options.sharpen == 1.5)
        #expect(try Self.request("/unsafe/fit-in/9x9/filters:fill(blur)/a.jpg").options.canvasFill == .blur)
        #expect(try Self.request("/unsafe/fit-in/9x9/filters:fill(auto)/a.jpg").options.canvasFill == .auto)
    }

    @Test func metaAsksForTheDescription() throws {
        #expect(try Self.request("/unsafe/meta/100x100/a.jpg").options.describeOnly)
        #expect(try !Self.request("/unsafe/100x100/a.jpg").options.describeOnly)
    }

    @Test func trimAndTheOtherFits() throws {
        let trimmed = try Self.request("/unsafe/trim:bottom-right:20/100x100/a.jpg").options
        #expect(trimmed.trim?.threshold == 20 && trimmed.trim?.fromBottomRight == true && trimmed.trim?.euclidean == true)
        let plain = try #require(try Self.request("/unsafe/trim/a.jpg").options.trim)
        #expect(plain.threshold == 0 && !plain.fromBottomRight && plain.euclidean)
        let full = try Self.request("/unsafe/full-fit-in/100x200/a.jpg").options
        #expect(full.resizingType == .cover && full.enlarge && !full.adaptiveOrientation)
        let adaptive = try Self.request("/unsafe/adaptive-fit-in/100x200/a.jpg").options
        #expect(adaptive.resizingType == .fit && adaptive.adaptiveOrientation)
        #expect(try Self.request("/unsafe/adaptive-full-fit-in/100x200/a.jpg").options.adaptiveOrientation)
    }

    @Test func fillProportionAndStretch() throws {
        let filled = try Self.request("/unsafe/fit-in/300x300/filters:fill(red)/a.jpg").options
        #expect(filled.extend && filled.background == RGBColor(red: 255, green: 0, blue: 0))
        #expect(try Self.request("/unsafe/fit-in/300x300/filters:fill(00ff00)/a.jpg").options.background
            == RGBColor(red: 0, green: 255, blue: 0))
        let clear = try Self.request("/unsafe/fit-in/300x300/filters:fill(transparent)/a.jpg").options
        #expect(clear.extend && clear.background == nil)
        let half = try Self.request("/unsafe/300x200/filters:proportion(0.5)/a.jpg").options
        #expect(half.zoomX == 0.5 && half.zoomY == 0.5)
        #expect(try Self.request("/unsafe/300x200/filters:proportion(2)/a.jpg").options.zoomX == 1)
        #expect(try Self.request("/unsafe/300x200/filters:stretch()/a.jpg").options.resizingType == .force)
    }

    @Test func watermarkFilterBecomesATypedMark() throws {
        let mark = try #require(try Self.request(
            "/unsafe/300x200/filters:watermark(marks%2Flogo.png,-10,20p,30,25,none)/a.jpg").options.watermark)
        #expect(mark.source == "local:///marks/logo.png" && abs(mark.opacity - 0.7) < 1e-9)
        #expect(mark.horizontal == WatermarkOptions.Axis(edge: .end, offset: 10))
        #expect(mark.vertical == WatermarkOptions.Axis(edge: .start, offset: 20, offsetIsPercent: true))
        #expect(mark.widthRatio == 0.25 && mark.heightRatio == 0)
        let remote = try #require(try Self.request(
            "/unsafe/filters:watermark(https%3A%2F%2Fexample.com%2Fm.png,center,repeat,0)/a.jpg").options.watermark)
        #expect(remote.source == "https://example.com/m.png" && remote.opacity == 1)
        #expect(remote.horizontal.edge == .centre && remote.vertical.edge == .repeated)
    }

    @Test func sourcesAreURLsOrLocalPaths() throws {
        #expect(try Self.request("/unsafe/100x0/https://example.com/a.jpg?x=1").source == "https://example.com/a.jpg?x=1")
        #expect(try Self.request("/unsafe/100x0/http%3A%2F%2Fexample.com%2Fa%20b.jpg").source == "http://example.com/a b.jpg")
        #expect(try Self.request("/unsafe/100x0/folder/a.jpg").source == "local:///folder/a.jpg")
        #expect(throws: OptionsError.self) { try Self.request("/unsafe/100x0/ftp://example.com/a.jpg") }
    }

    @Test func unknownAndUnsupportedPartsAreRefusedNeverIgnored() {
        for (path, label) in [("/unsafe/filters:sepia()/a.jpg", "unknown_filter"),
                              ("/unsafe/filters:equalize()/a.jpg", "unsupported_option"),
                              ("/unsafe/filters:rotate(45)/a.jpg", "invalid_argument"),
                              ("/unsafe/filters:focal(10x10:5x5)/a.jpg", "invalid_argument"),
                              ("/unsafe/filters:watermark(m.png,10,10)/a.jpg", "too_many_arguments"),
                              ("/unsafe/filters:watermark(m.png,left,10,0)/a.jpg", "invalid_argument"),
                              ("/unsafe/filters:quality(0)/a.jpg", "invalid_argument"),
                              ("/unsafe/filters:quality(80,1)/a.jpg", "too_many_arguments"),
                              ("/unsafe/filters:format(bmp)/a.jpg", "unsupported_format")] {
            #expect(throws: OptionsError.self, "\(path)") { try Self.request(path) }
            #expect((try? Self.request(path)) == nil)
            do { _ = try Self.request(path) } catch let error as OptionsError {
                #expect(error.label == label, "\(path): \(error.label)")
            } catch {}
        }
    }
}
