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
            name: "VipsKit",
            dependencies: ["CVips", "CVipsShim"]
        ),
        .target(name: "ImageOptions"),
        .target(
            name: "ImagePipeline",
            dependencies: ["VipsKit", "ImageOptions"]
        ),
        .executableTarget(
            name: "media-proxy",
            dependencies: [
                "ImagePipeline",
                "ImageOptions",
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
        .testTarget(name: "MediaProxyCLITests", dependencies: ["media-proxy"]),
        .testTarget(
            name: "ImagePipelineTests",
            dependencies: ["ImagePipeline", "ImageOptions", "VipsKit", "CVips"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
