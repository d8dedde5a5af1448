// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MediaProxy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "media-proxy", targets: ["media-proxy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "CVipsShim",
            dependencies: ["CVips"],
            linkerSettings: [.linkedLibrary("jpeg")]
        ),
        .target(
            name: "CGifCodec",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("gif"), .linkedLibrary("imagequant")]
        ),
        .target(
            name: "CWebPAnim",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("webpdemux"), .linkedLibrary("webpmux"), .linkedLibrary("webp")]
        ),
        .target(
            name: "CAvifCodec",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("avif"), .linkedLibrary("m")]
        ),
        .target(
            name: "CVideoFrame",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("avformat"), .linkedLibrary("avcodec"), .linkedLibrary("swscale"),
                             .linkedLibrary("avutil")]
        ),
        .target(
            name: "VipsKit",
            dependencies: ["CVips", "CVipsShim"]
        ),
        .target(name: "ImageOptions"),
        .target(
            name: "ImagePipeline",
            dependencies: ["VipsKit", "ImageOptions", "CGifCodec", "CWebPAnim", "CAvifCodec", "CVideoFrame"]
        ),
        .target(
            name: "ImageSources",
            dependencies: [
                "ImageOptions",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "ProxyServer",
            dependencies: [
                "ImagePipeline",
                "ImageSources",
                "ImageOptions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "media-proxy",
            dependencies: [
                "ImagePipeline",
                "ImageOptions",
                "ProxyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "media-proxy-bench",
            dependencies: ["ImagePipeline", "ImageOptions"],
            path: "Benchmarks/media-proxy-bench"
        ),
        .testTarget(name: "VipsKitTests", dependencies: ["VipsKit", "CVips"]),
        .testTarget(name: "ImageOptionsTests", dependencies: ["ImageOptions"]),
        .testTarget(
            name: "MediaProxyCLITests",
            dependencies: ["media-proxy", "ImagePipeline", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .target(
            name: "OriginTestServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/OriginTestServer"
        ),
        .testTarget(name: "ImageSourcesTests", dependencies: ["ImageSources", "ImageOptions", "OriginTestServer"]),
        .testTarget(
            name: "ProxyServerTests",
            dependencies: [
                "ProxyServer",
                "ImagePipeline",
                "ImageOptions",
                "OriginTestServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "ImagePipelineTests",
            dependencies: ["ImagePipeline", "ImageOptions", "VipsKit", "CVips"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
