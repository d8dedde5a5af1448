import ImageOptions
import Testing
import TestSupport

/// thumbor's URL grammar: its documented forms, round trips, thumbor's own fallbacks, and its signatures checked
/// against libthumbor (thumbor's URL library, from PyPI) itself.
struct ThumborPathTests {
    @Test func theDocumentedFormsParse() throws {
        let simple = try ThumborPath(parsing: "/unsafe/300x200/smart/s.glbimg.com/et/bb/f/original/2011/03/24/a.jpg")
        #expect(simple.signature == "unsafe" && simple.width == .pixels(300) && simple.height == .pixels(200))
        #expect(simple.smart && simple.fit == .crop && simple.image == "s.glbimg.com/et/bb/f/original/2011/03/24/a.jpg")

        let full = try ThumborPath(parsing: "/unsafe/meta/trim:bottom-right:50/10x20:110x220/adaptive-full-fit-in/"
            + "-origx-0/right/bottom/smart/filters:quality(80):watermark(http://x.com/w.png,10,-10,50):blur()/"
            + "http://example.com/a.jpg")
        #expect(full.meta && full.trim == .init(corner: .bottomRight, tolerance: 50))
        #expect(full.crop == .init(left: 10, top: 20, right: 110, bottom: 220))
        #expect(full.fit == .fullFitIn(adaptive: true))
        #expect(full.width == .original && full.height == .proportional && full.flipHorizontally && full.flipVertically)
        #expect(full.horizontalAlign == .right && full.verticalAlign == .bottom && full.smart)
        #expect(full.filters == [ThumborFilter("quality", ["80"]),
                                 ThumborFilter("watermark", ["http://x.com/w.png", "10", "-10", "50"]),
                                 ThumborFilter("blur")])
        #expect(full.image == "http://example.com/a.jpg")

        let fitIn = try ThumborPath(parsing: "unsafe/fit-in/x400/left/top/filters:format(webp)/photo.jpg")
        #expect(fitIn.fit == .fitIn(adaptive: false) && fitIn.width == .proportional && fitIn.height == .pixels(400))
        #expect(fitIn.horizontalAlign == .left && fitIn.verticalAlign == .top && fitIn.filters == [.init("format", ["webp"])])
        #expect(try ThumborPath(parsing: "/unsafe/trim/a.png").trim == .init())
        #expect(try ThumborPath(parsing: "/unsafe/trim:25/a.png").trim == .init(tolerance: 25))
    }

    @Test func whatFitsNoPartBeginsTheImage() throws {
        #expect(try ThumborPath(parsing: "/unsafe/foo/a.jpg").image == "foo/a.jpg")
        // Each part needs its closing slash: a last segment is the image even when it reads like a part.
        #expect(try ThumborPath(parsing: "/unsafe/smart").image == "smart")
        // Parts come in the grammar's order: a size after an alignment is part of the image.
        let late = try ThumborPath(parsing: "/unsafe/left/300x200/a.jpg")
        #expect(late.horizontalAlign == .left && late.width == .proportional && late.image == "300x200/a.jpg")
        // A percent-encoded URL is the image as written.
        #expect(try ThumborPath(parsing: "/unsafe/200x0/http%3A%2F%2Fexample.com%2Fa.jpg").image
                == "http%3A%2F%2Fexample.com%2Fa.jpg")
    }

    @Test func badPathsAreRefused() {
        #expect(throws: OptionsError.self) { try ThumborPath(parsing: "/unsafe/300x200/") }
        #expect(throws: OptionsError.self) { try ThumborPath(parsing: "/unsafe") }
        #expect(throws: OptionsError.self) { try ThumborPath(parsing: "/unsafe/9999999999x1/a.jpg") }
        #expect(throws: OptionsError.self) { try ThumborPath(parsing: "/unsafe/1x2:3x99999999999/a.jpg") }
        #expect(throws: OptionsError.self) { try ThumborPath(parsing: "/unsafe/trim:443/a.jpg") }
        #expect(throws: OptionsError.self) { try ThumborPath(parsing: "/unsafe/filters:quality80)/a.jpg") }
        #expect(throws: OptionsError.self) { try ThumborPath(parsing: "/unsafe/filters:a(1)):b(2)/a.jpg") }
    }

    static func samples() -> [ThumborPath] {
        var paths: [ThumborPath] = []
        let sizes: [ThumborPath.Dimension] = [.proportional, .pixels(1), .pixels(300), .original]
        for (index, width) in sizes.enumerated() {
            for height in sizes {
                var path = ThumborPath(signature: index % 2 == 0 ? "unsafe" : "c2lnbmF0dXJlLXRoYXQtaXMtMjgtY2g=",
                                       image: index % 3 == 0 ? "http://example.com/x/a.jpg" : "folder/a b.png")
                (path.width, path.height) = (width, height)
                path.flipHorizontally = index == 1
                path.flipVertically = index == 2 && height == .proportional
                path.fit = [ThumborPath.Fit.crop, .fitIn(adaptive: index == 1), .fullFitIn(adaptive: true)][index % 3]
                path.meta = index == 2
                path.smart = index != 1
                path.trim = index == 0 ? nil : .init(corner: index == 1 ? .topLeft : .bottomRight, tolerance: index * 7)
                path.crop = index == 3 ? .init(left: 0, top: 5, right: 100, bottom: 80) : nil
                path.horizontalAlign = ThumborPath.HorizontalAlign.allCases[index % 3]
                path.verticalAlign = ThumborPath.VerticalAlign.allCases[(index + 1) % 3]
                path.filters = index == 0 ? [] : [.init("quality", ["70"]), .init("fill", ["blur"]), .init("grayscale")]
                paths.append(path)
            }
        }
        return paths
    }

    @Test func generatedPathsParseBackTheSame() throws {
        for path in Self.samples() {
            #expect(try ThumborPath(parsing: path.generated()) == path, "\(path.generated())")
        }
    }

    @Test func signaturesAndPathsAreLibthumbors() throws {
        let key = "MY_SECURE_KEY"
        // libthumbor writes each path (CryptoURL.generate) and signs it; ours must be the same bytes.
        let script = """
        import sys
        from libthumbor import CryptoURL
        crypto = CryptoURL(key=sys.argv[1])
        print(crypto.generate(width=300, height=200, smart=True, image_url="my.server.com/some/path/to/image.jpg"))
        print(crypto.generate(width=300, height=0, fit_in=True, halign="left", valign="top", flip=True,
                              filters=["quality(80)", "format(webp)"], image_url="http://example.com/a.jpg"))
        print(crypto.generate(width=100, height=100, full_fit_in=True, meta=True, trim=("bottom-right", 20),
                              crop=((10, 20), (110, 220)), image_url="a/b.png"))
        print(crypto.generate(width=50, height=40, adaptive_fit_in=True, flop=True, image_url="c.gif"))
        """
        let theirs = try PythonTools.run(script, arguments: [key], packages: ["libthumbor"])
            .split(separator: "\n").map(String.init)
        var first = ThumborPath(image: "my.server.com/some/path/to/image.jpg")
        (first.width, first.height, first.smart) = (.pixels(300), .pixels(200), true)
        var second = ThumborPath(image: "http://example.com/a.jpg")
        (second.width, second.fit, second.flipHorizontally) = (.pixels(300), .fitIn(adaptive: false), true)
        (second.horizontalAlign, second.verticalAlign) = (.left, .top)
        second.filters = [.init("quality", ["80"]), .init("format", ["webp"])]
        var third = ThumborPath(image: "a/b.png")
        (third.width, third.height, third.fit, third.meta) = (.pixels(100), .pixels(100), .fullFitIn(adaptive: false), true)
        third.trim = .init(corner: .bottomRight, tolerance: 20)
        third.crop = .init(left: 10, top: 20, right: 110, bottom: 220)
        var fourth = ThumborPath(image: "c.gif")
        (fourth.width, fourth.height, fourth.fit, fourth.flipVertically) = (.pixels(50), .pixels(40), .fitIn(adaptive: true), true)
        let signer = ThumborSigner(key: key, allowsUnsafe: false)
        let ours = [first, second, third, fourth].map { path in
            var signed = path
            signed.signature = signer.signature(for: path.unsignedPath()) ?? ""
            return signed.generated()
        }
        #expect(ours == theirs)
        for text in theirs {
            let parsed = try ThumborPath(parsing: text)
            #expect(signer.verifies(parsed.signature, for: parsed.unsignedPath()), "\(text)")
            #expect(!signer.verifies("unsafe", for: parsed.unsignedPath()))
            #expect(!ThumborSigner(key: key + "x", allowsUnsafe: true).verifies(parsed.signature, for: parsed.unsignedPath()))
        }
        #expect(ThumborSigner(key: nil, allowsUnsafe: true).verifies("unsafe", for: "300x200/a.jpg"))
    }
}
