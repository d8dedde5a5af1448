import ImageOptions
import MediaFormats
import Testing

/// The simple query form: each parameter, the sources, the refusals and what a signature covers.
struct QueryFormTests {
    @Test func parametersBecomeOptions() throws {
        let (source, options, signature) = try QueryForm.parse(path: "/photos/a.jpg",
                                                               query: "w=300&h=200&fit=crop&crop=top,left&q=70&fmt=webp&dpr=2&s=abc")
        #expect(source == "local:///photos/a.jpg" && signature == "abc")
        #expect(options.width == 300 && options.height == 200 && options.resizingType == .fill && options.enlarge)
        #expect(options.gravity == .anchor(.northWest) && options.quality == 70 && options.format == .webp && options.dpr == 2)
        let clip = try QueryForm.parse(path: "a.jpg", query: "w=100").options
        #expect(clip.resizingType == .fit && clip.enlarge && clip.width == 100 && clip.height == 0)
        #expect(try !QueryForm.parse(path: "a.jpg", query: "w=100&fit=max").options.enlarge)
        #expect(try QueryForm.parse(path: "a.jpg", query: "w=100&h=50&fit=scale").options.resizingType == .force)
        #expect(try QueryForm.parse(path: "a.jpg", query: "w=100&h=50&fit=fill").options.extend)
        #expect(try QueryForm.parse(path: "a.jpg", query: "w=9&h=9&fit=crop&crop=faces").options.gravity == .smart)
        #expect(try QueryForm.parse(path: "a.jpg", query: "").options == ProcessingOptions(parsing: "rs:fit:0:0:1"))
    }

    @Test func sourcesAreLocalPathsOrURLs() throws {
        #expect(try QueryForm.parse(path: "/https://example.com/a.jpg", query: "w=1").source == "https://example.com/a.jpg")
        #expect(try QueryForm.parse(path: "/https%3A%2F%2Fexample.com%2Fa.jpg%3Fv%3D2", query: "w=1").source
                == "https://example.com/a.jpg?v=2")
        #expect(try QueryForm.parse(path: "/a%20b.png", query: "").source == "local:///a b.png")
        #expect(throws: OptionsError.self) { try QueryForm.parse(path: "/", query: "w=1") }
        #expect(throws: OptionsError.self) { try QueryForm.parse(path: "/ftp://x/a.jpg", query: "w=1") }
    }

    @Test func badQueriesAreRefusedNeverIgnored() {
        for query in ["width=100", "w=abc", "w=-1", "w=2000000", "fit=cover", "crop=top", "w=1&fit=crop&crop=top,bottom",
                      "q=0", "q=101", "fmt=bmp", "dpr=0", "dpr=nan", "w=1&w=2", "w"] {
            #expect(throws: OptionsError.self, "\(query)") { try QueryForm.parse(path: "a.jpg", query: query) }
        }
    }

    @Test func aSignatureCoversThePathAndTheSortedQuery() {
        #expect(QueryForm.signedText(path: "/a.jpg", query: "w=3&s=xyz&fit=crop&h=2") == "/a.jpg?fit=crop&h=2&w=3")
        #expect(QueryForm.signedText(path: "a.jpg", query: "s=xyz") == "/a.jpg")
    }
}

/// parse(generate(x)) == x for the query form, over random values of what it can say.
@Suite struct QueryFormRoundTripTests {
    @Test func randomRequestsRoundTrip() throws {
        var random = SplitMix64(seed: 0x0F0F)
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        let fits: [(ResizingType, Bool, Bool)] = [(.fit, true, false), (.fit, false, false), (.fill, true, false),
                                                 (.force, true, false), (.fit, true, true)]
        let sources = ["local:///a/b c.jpg", "local:///ü?#%.png", "https://example.com/x.jpg?y=1&z=2", "http://h:81/p"]
        for _ in 0..<500 {
            var options = ProcessingOptions()
            (options.resizingType, options.enlarge, options.extend) = fits[int(0...4)]
            if options.resizingType == .fill {
                options.gravity = int(0...3) == 0 ? .smart : .anchor(Gravity.Anchor.allCases[int(0...8)])
            }
            options.width = int(0...3000)
            options.height = int(0...3000)
            options.quality = int(0...100)
            options.format = int(0...1) == 0 ? nil : ImageFormat.outputFormats[int(0...4)]
            options.dpr = Double(int(1...64)) / 8
            let source = sources[int(0...3)]
            let (path, query) = try #require(QueryForm.generate(source: source, options: options))
            let parsed = try QueryForm.parse(path: path, query: query)
            #expect(parsed.source == source && parsed.options == options, "\(path)?\(query)")
        }
        var beyond = ProcessingOptions()
        beyond.blur = 2
        #expect(QueryForm.generate(source: "local:///a.jpg", options: beyond) == nil)
    }
}
