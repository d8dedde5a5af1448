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

    @Test func sourcesAreURLsOrLocalPaths() throws {
        #expect(try Self.request("/unsafe/100x0/https://example.com/a.jpg?x=1").source == "https://example.com/a.jpg?x=1")
        #expect(try Self.request("/unsafe/100x0/http%3A%2F%2Fexample.com%2Fa%20b.jpg").source == "http://example.com/a b.jpg")
        #expect(try Self.request("/unsafe/100x0/folder/a.jpg").source == "local:///folder/a.jpg")
        #expect(throws: OptionsError.self) { try Self.request("/unsafe/100x0/ftp://example.com/a.jpg") }
    }

    @Test func unknownAndUnsupportedPartsAreRefusedNeverIgnored() {
        for (path, label) in [("/unsafe/filters:sepia()/a.jpg", "unknown_filter"),
                              ("/unsafe/filters:grayscale()/a.jpg", "unsupported_option"),
                              ("/unsafe/meta/a.jpg", "unsupported_option"),
                              ("/unsafe/trim/a.jpg", "unsupported_option"),
                              ("/unsafe/origx100/a.jpg", "unsupported_option"),
                              ("/unsafe/adaptive-fit-in/100x200/a.jpg", "unsupported_option"),
                              ("/unsafe/full-fit-in/100x200/a.jpg", "unsupported_option"),
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
