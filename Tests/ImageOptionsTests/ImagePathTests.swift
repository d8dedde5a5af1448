import MediaFormats
import Testing
@testable import ImageOptions

@Suite struct ImagePathTests {
    @Test func plainSourceWithExtension() throws {
        let path = try ImagePath(parsing: "/unsafe/rs:fill:300:200:0/g:sm/plain/https://example.com/images/cat.jpg@webp")
        #expect(path.signature == "unsafe")
        #expect(path.source == "https://example.com/images/cat.jpg")
        #expect(path.sourceEncoding == .plain)
        #expect(path.options.format == .webp)
        #expect(path.options.gravity == .smart)
        #expect(path.options.width == 300)
    }

    @Test func plainSourceIsPercentDecoded() throws {
        let path = try ImagePath(parsing: "/_/plain/https%3A%2F%2Fexample.com%2Fa%20b.png%3Fv%3D1")
        #expect(path.source == "https://example.com/a b.png?v=1")
        #expect(path.options.format == nil)
    }

    @Test func base64SourceMaySpanSegments() throws {
        let encoded = Base64URL.encode(Array("https://example.com/images/cat.jpg".utf8))
        let split = encoded.prefix(10) + "/" + encoded.dropFirst(10)
        let path = try ImagePath(parsing: "/sig/w:100/\(split).png")
        #expect(path.source == "https://example.com/images/cat.jpg")
        #expect(path.sourceEncoding == .base64)
        #expect(path.options.format == .png)
        #expect(path.options.width == 100)
    }

    @Test(arguments: ["", "/", "/sig", "/sig/w:10", "/sig/plain/", "/sig/plain/x@bmp", "/sig/!!!notbase64", "/sig/enc/abc",
                      "/sig/plain/%zz"])
    func malformedPathsThrow(path: String) {
        #expect(throws: OptionsError.self) { try ImagePath(parsing: path) }
    }
}
