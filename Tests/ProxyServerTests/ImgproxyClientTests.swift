import Foundation
import ImageOptions
import ImagePipeline
import NIOCore
import ProxyServer
import Testing
import TestSupport

/// imgproxy's open-source options through a real third-party client, `pyimgproxy` from PyPI: it builds and signs
/// every URL (key and salt), the live server answers each with 200 and the size the option implies.
@Suite(.serialized) struct ImgproxyClientTests {
    /// A pyimgproxy call chain on `image`, and the answer's size (landscape.jpg is 1600x1067).
    static let cases: [(call: String, width: Int, height: Int)] = [
        ("resize('fill', 300, 200)", 300, 200),
        ("size(300, 200)", 300, 200),
        ("resizing_type('force').width(100).height(100)", 100, 100),
        ("width(400)", 400, 267),
        ("height(100)", 150, 100),
        ("width(100).min_width(300)", 300, 200),
        ("height(50).min_height(200)", 300, 200),
        ("width(200).zoom(0.5)", 100, 67),
        ("width(200).zoom(1, 0.5)", 200, 67),
        ("width(200).dpr(2)", 400, 267),
        ("width(2000).enlarge(True)", 2000, 1334),
        ("resize('fit', 1700, 1700).extend(True, 'ce')", 1700, 1700),
        ("resize('fit', 300, 300).extend_aspect_ratio(True, 'so')", 300, 300),
        ("resize('fill', 300, 300).gravity('no')", 300, 300),
        ("resize('fill', 300, 300).gravity('fp', 0.3, 0.7)", 300, 300),
        ("crop(800, 800, 'ce').width(100)", 100, 100),
        ("trim(10).resize('fill', 200, 200)", 200, 200),
        ("padding(10).width(100)", 120, 87),
        ("auto_rotate(False).width(100)", 100, 67),
        ("rotate(90).width(100)", 100, 150),
        ("background(hex_color='ff0000').padding(5).width(100)", 110, 77),
        ("background(red=1, green=2, blue=3).width(100)", 100, 67),
        ("blur(2).width(100)", 100, 67),
        ("sharpen(1).width(100)", 100, 67),
        ("pixelate(5).width(100)", 100, 67),
        ("adjust(10, 1.2, 0.8).width(100)", 100, 67),
        ("brightness(-20).contrast(1.1).saturation(0.5).width(100)", 100, 67),
        ("strip_metadata(True).keep_copyright(True).strip_color_profile(True).width(100)", 100, 67),
        ("enforce_thumbnail(True).width(100)", 100, 67),
        ("quality(50).width(100)", 100, 67),
        ("format('webp').width(100)", 100, 67),
        ("page(0).disable_animation(True).width(100)", 100, 67),
        ("raw(True)", 1600, 1067),
        ("cachebuster('v2').return_attachment(True).width(100)", 100, 67),
        ("max_src_resolution(50).max_src_file_size(10000000).width(100)", 100, 67),
        ("max_animation_frames(10).max_animation_frame_resolution(10).width(100)", 100, 67),
        ("add_option('max_result_dimension', 2000).width(100)", 100, 67),
        // Options pyimgproxy leaves unimplemented, through its generic add_option.
        ("add_option('watermark', 0.5, 'soea', 10, 10, 0.2).width(300)", 300, 200),
        ("add_option('wm', 1, 're').width(300)", 300, 200),
        ("add_option('skip_processing', 'jpg').width(100)", 1600, 1067),
        ("add_option('format_quality', 'webp', 60).format('webp').width(100)", 100, 67),
        ("add_option('max_bytes', 20000).width(300)", 300, 200),
        ("add_option('filename', 'photo').add_option('expires', 4102444800).width(100)", 100, 67),
        ("add_option('preset', 'small')", 64, 64),
        ("add_option('flip', True, False).width(100)", 100, 67),
        ("add_option('video_thumbnail_second', 1).width(100)", 100, 67),
        ("add_option('gif_palette', 'auto').width(100)", 100, 67),
    ]

    static let script = """
        import json, sys
        from pyimgproxy import ImgProxy
        proxy = ImgProxy(url=sys.argv[1], key=sys.argv[2], salt=sys.argv[3])
        for call in json.loads(sys.argv[4]):
            image = proxy.image("local:///landscape.jpg")
            print(eval("image." + call).url)
        """

    static let key = "9c2f1a", salt = "5e77a1"

    @Test func everyOptionAnswersWithItsSize() async throws {
        let pair = try #require(URLSigner.KeyPair(hexKey: Self.key, hexSalt: Self.salt))
        let server = try await LiveServer.start {
            $0.signer = URLSigner(pairs: [pair])
            $0.allowSecurityOptions = true
            $0.watermark = "local:///logo.png"
            $0.presets = try! PresetTable(["small": "rs:fill:64:64"])
        }
        defer { Task { await server.stop() } }
        let calls = String(decoding: try JSONEncoder().encode(Self.cases.map(\.call)), as: UTF8.self)
        let urls = try PythonTools.run(Self.script, arguments: [server.baseURL, Self.key, Self.salt, calls],
                                       packages: ["pyimgproxy"]).split(separator: "\n")
        try #require(urls.count == Self.cases.count)
        for (url, expected) in zip(urls, Self.cases) {
            let answer = try await TestHTTP.get(String(url), timeout: .seconds(60))
            #expect(answer.status == 200, "\(expected.call): \(answer.text)")
            guard answer.status == 200 else { continue }
            let info = try ImageProber.probe(answer.body)
            #expect(info.width == expected.width && info.height == expected.height,
                    "\(expected.call): \(info.width)x\(info.height)")
        }
    }

    @Test func securityOptionsAndWatermarksNeedTheOperator() async throws {
        let server = try await LiveServer.start { $0.thumborAllowsUnsafe = true }
        defer { Task { await server.stop() } }
        for option in ["msr:10", "msfs:1000000", "maf:5", "mafr:2", "mrd:100"] {
            let refused = try await server.get("/unsafe/\(option)/plain/local:///landscape.jpg")
            #expect(refused.status == 403 && refused.text.contains("option_not_allowed"), "\(option)")
        }
        let noMark = try await server.get("/unsafe/wm:1/plain/local:///landscape.jpg")
        #expect(noMark.status == 400 && noMark.text.contains("no_watermark_image"))
        let named = "/unsafe/w:200/wm:1:nowe/wmu:\(Base64URL.encode(Array("local:///logo.png".utf8)))/plain/local:///landscape.jpg"
        #expect(try await server.get(named).status == 200)
        let missingMark = "/unsafe/wm:1/wmu:\(Base64URL.encode(Array("local:///none.png".utf8)))/plain/local:///landscape.jpg"
        #expect(try await server.get(missingMark).status == 404)
        // The mark is a source like any other: the same guards (a loopback address is refused, whichever dialect
        // names it) and the same format check.
        let loopback = "/unsafe/wm:1/wmu:\(Base64URL.encode(Array("http://127.0.0.1:9/m.png".utf8)))/plain/local:///landscape.jpg"
        #expect(try await server.get(loopback).status == 403)
        let thumborLoopback = try await server.get(
            "/thumbor/unsafe/100x100/filters:watermark(http%3A%2F%2F127.0.0.1%3A9%2Fm.png,0,0,0)/landscape.jpg")
        #expect(thumborLoopback.status == 403 && thumborLoopback.text.contains("forbidden"), "\(thumborLoopback.text)")
        let notAnImage = "/unsafe/wm:1/wmu:\(Base64URL.encode(Array("local:///clip.mp4".utf8)))/plain/local:///landscape.jpg"
        #expect(try await server.get(notAnImage).status == 415)
    }
}
