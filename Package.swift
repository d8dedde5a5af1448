// swift-tools-version:6.1
import PackageDescription

/// Every target checks that each module it uses is imported in that file and declared here.
let strictImports: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]
/// C codecs run their pixel loops optimised even in debug builds (tests run debug builds).
let optimisedC: [CSetting] = [.unsafeFlags(["-O2"])]

let package = Package(
    name: "MediaProxy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "media-proxy", targets: ["media-proxy"]),
        .executable(name: "media-proxy-server", targets: ["media-proxy-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CVips",
            // Compile flags only: libvips is loaded on first use (CVipsShim/VipsFunctions.h), never linked.
            pkgConfig: Context.packageDirectory + "/Sources/CVips/vips-compile.pc",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "CVipsShim",
            dependencies: ["CVips", "CCodecSupport"],
            linkerSettings: [
                .linkedLibrary("jpeg"),
                // The executables export the orc lock's two functions, so libvips' calls resolve to them
                // (OrcCodeLock.c); nothing else is exported.
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=orc_program_compile",
                              "-Xlinker", "--export-dynamic-symbol=orc_program_free"]),
            ]
        ),
        .target(name: "CCodecSupport", cSettings: optimisedC, linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "CGifCodec",
            dependencies: ["CCodecSupport"],
            cSettings: optimisedC,
            linkerSettings: [.linkedLibrary("gif"), .linkedLibrary("imagequant")]
        ),
        .target(
            name: "CWebPAnim",
            dependencies: ["CCodecSupport"],
            cSettings: optimisedC,
            linkerSettings: [.linkedLibrary("webpdemux"), .linkedLibrary("webpmux"), .linkedLibrary("webp")]
        ),
        .target(
            name: "CApngCodec",
            dependencies: ["CCodecSupport"],
            cSettings: optimisedC,
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]
        ),
        .target(
            name: "CAvifCodec",
            dependencies: ["CCodecSupport"],
            cSettings: optimisedC,
            linkerSettings: [.linkedLibrary("m")]
        ),
        // FFmpeg is loaded on first use (CFFmpeg), not linked: its libraries cost every process ~40 ms to load.
        .target(name: "CFFmpeg", dependencies: ["CCodecSupport"], cSettings: optimisedC),
        .target(name: "CVideoFrame", dependencies: ["CCodecSupport", "CFFmpeg"], cSettings: optimisedC),
        .target(
            name: "CPlanarJPEG",
            dependencies: ["CCodecSupport", "CFFmpeg"],
            cSettings: optimisedC,
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("webp")]
        ),
        .target(name: "VipsKit", dependencies: ["CVips", "CVipsShim"], swiftSettings: strictImports),
        .target(name: "MediaFormats", swiftSettings: strictImports),
        .target(
            name: "ImageOptions",
            dependencies: ["MediaFormats", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictImports
        ),
        .target(
            name: "ImagePipeline",
            dependencies: ["VipsKit", "MediaFormats", "ImageOptions", "CCodecSupport", "CGifCodec", "CWebPAnim",
                           "CApngCodec", "CAvifCodec", "CVideoFrame", "CPlanarJPEG"],
            swiftSettings: strictImports
        ),
        .target(
            name: "ImageSources",
            dependencies: [
                "MediaFormats",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictImports
        ),
        .target(
            name: "ProxyServer",
            dependencies: [
                "MediaFormats",
                "ImagePipeline",
                "ImageSources",
                "ImageOptions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictImports
        ),
        .target(
            name: "CommandSupport",
            dependencies: ["ImagePipeline", "ImageOptions", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictImports
        ),
        // The command line: convert, info and sign here; `serve` runs media-proxy-server in its place, so these
        // commands never load the HTTP stack (a CLI in a shell loop starts in a few milliseconds).
        .executableTarget(
            name: "media-proxy",
            dependencies: [
                "CommandSupport",
                "MediaFormats",
                "ImagePipeline",
                "ImageOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "media-proxy-server",
            dependencies: [
                "CCodecSupport",
                "CommandSupport",
                "MediaFormats",
                "ImagePipeline",
                "ImageOptions",
                "ImageSources",
                "ProxyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictImports
        ),
        .target(name: "CFuzzDriver"),
        .target(
            name: "FuzzTargets",
            dependencies: ["ImagePipeline", "ImageOptions", "MediaFormats", "VipsKit", "CCodecSupport", "CGifCodec",
                           "CWebPAnim", "CApngCodec", "CAvifCodec", "CVideoFrame", "CPlanarJPEG"],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "media-proxy-fuzz",
            dependencies: ["CFuzzDriver", "FuzzTargets"],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "media-proxy-chaos",
            dependencies: [
                "MediaFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "media-proxy-bench",
            dependencies: ["ImagePipeline", "ImageOptions", "MediaFormats"],
            path: "Benchmarks/media-proxy-bench",
            swiftSettings: strictImports
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictImports
        ),
        .target(
            name: "OriginTestServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/OriginTestServer",
            swiftSettings: strictImports
        ),
        .testTarget(
            name: "FuzzTargetsTests",
            dependencies: ["FuzzTargets", "ImagePipeline", "ImageOptions", "MediaFormats", "TestSupport"],
            swiftSettings: strictImports
        ),
        .testTarget(name: "VipsKitTests", dependencies: ["VipsKit"], swiftSettings: strictImports),
        .testTarget(name: "MediaFormatsTests", dependencies: ["MediaFormats"], swiftSettings: strictImports),
        .testTarget(name: "ImageOptionsTests", dependencies: ["ImageOptions", "MediaFormats", "TestSupport"],
                    swiftSettings: strictImports),
        .testTarget(
            name: "MediaProxyCLITests",
            dependencies: ["media-proxy", "media-proxy-server", "ImagePipeline", "TestSupport",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: strictImports
        ),
        .testTarget(
            name: "ImageSourcesTests",
            dependencies: ["ImageSources", "ImageOptions", "OriginTestServer"],
            swiftSettings: strictImports
        ),
        .testTarget(
            name: "ProxyServerTests",
            dependencies: [
                "ProxyServer",
                "ImagePipeline",
                "ImageOptions",
                "ImageSources",
                "MediaFormats",
                "OriginTestServer",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictImports
        ),
        .testTarget(
            name: "ImagePipelineTests",
            dependencies: ["ImagePipeline", "ImageOptions", "MediaFormats", "VipsKit", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictImports
        ),
    ],
    swiftLanguageModes: [.v6]
)
