import MediaFormats
import Testing
@testable import ImageOptions

/// parse(generate(x)) == x over many random option values (seeded, so failures reproduce).
@Suite struct RoundTripTests {
    @Test func defaultsGenerateNothing() {
        #expect(ProcessingOptions().generated() == "")
    }

    @Test func randomOptionsRoundTrip() throws {
        var random = SplitMix64(seed: 0x5EED)
        let presets = try PresetTable(["default": "q:85/bg:010203", "small": "rs:fill:64:64/bl:1", "web": "f:webp"])
        for _ in 0..<2000 {
            let options = randomOptions(&random, presetNames: ["small", "web"])
            let table = random.next() % 2 == 0 ? presets : PresetTable()
            let usable = table.definitions.isEmpty ? withoutPresets(options) : options
            let text = usable.generated(presets: table)
            let parsed = try ProcessingOptions(parsing: text, presets: table)
            #expect(parsed == usable, "\(text)")
        }
    }

    @Test func pathsRoundTripInBothSourceEncodings() throws {
        var random = SplitMix64(seed: 42)
        let sources = ["https://example.com/a/b.jpg?x=1&y=2", "http://host:8080/%20space@at#frag", "local:///dir/ü.png"]
        for index in 0..<300 {
            var options = withoutPresets(randomOptions(&random, presetNames: []))
            options.format = index % 3 == 0 ? nil : ImageFormat.outputFormats[index % 5]
            let path = ImagePath(signature: "sig", options: options, source: sources[index % 3],
                                 sourceEncoding: index % 2 == 0 ? .plain : .base64)
            let parsed = try ImagePath(parsing: path.generated())
            #expect(parsed == path, "\(path.generated())")
        }
    }

    private func randomWatermark(_ random: inout SplitMix64) -> WatermarkOptions {
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        let edges: [WatermarkOptions.Axis.Edge] = [.start, .centre, .end, .repeated]
        func axis() -> WatermarkOptions.Axis {
            WatermarkOptions.Axis(edge: edges[int(0...3)], offset: Double(int(-40...40)), offsetIsPercent: int(0...1) == 1)
        }
        var horizontal = axis(), vertical = axis()
        if horizontal.edge == .repeated, vertical.edge != .repeated, int(0...1) == 1 { vertical.edge = .repeated }
        if horizontal.edge != .repeated, vertical.edge == .repeated, int(0...1) == 1 { horizontal.edge = .repeated }
        return WatermarkOptions(source: int(0...1) == 1 ? "https://example.com/mark \(int(0...9)).png" : nil,
                                opacity: Double(int(1...100)) / 100, horizontal: horizontal, vertical: vertical,
                                widthRatio: Double(int(0...10)) / 10, heightRatio: Double(int(0...4)) / 4)
    }

    private func withoutPresets(_ options: ProcessingOptions) -> ProcessingOptions {
        var copy = options
        copy.presets = []
        return copy
    }

    private func randomOptions(_ random: inout SplitMix64, presetNames: [String]) -> ProcessingOptions {
        var options = ProcessingOptions()
        func chance() -> Bool { random.next() % 3 == 0 }
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        func fraction() -> Double { Double(int(0...1000)) / 1000 }
        func gravity(allowSmart: Bool) -> Gravity {
            switch int(0...2) {
            case 0 where allowSmart: .smart
            case 1: .focusPoint(x: fraction(), y: fraction())
            default: .anchor(Gravity.Anchor.allCases[int(0...8)], xOffset: Double(int(-50...50)), yOffset: Double(int(-50...50)) / 4)
            }
        }
        func color() -> RGBColor { RGBColor(red: UInt8(int(0...255)), green: UInt8(int(0...255)), blue: UInt8(int(0...255))) }
        if chance() { options.resizingType = ResizingType.allCases[int(0...(ResizingType.allCases.count - 1))] }
        if chance() { options.adaptiveOrientation.toggle() }
        if chance() { options.width = int(0...5000) }
        if chance() { options.height = int(0...5000) }
        if chance() { options.dpr = Double(int(1...40)) / 8 }
        if chance() { options.enlarge.toggle() }
        if chance() { options.extend.toggle(); options.extendGravity = gravity(allowSmart: false) }
        if chance() { options.gravity = gravity(allowSmart: true) }
        if chance() { options.crop = CropOptions(width: fraction(), height: Double(int(1...900)), gravity: chance() ? gravity(allowSmart: true) : nil) }
        if chance() {
            options.trim = TrimOptions(threshold: Double(int(0...80)), color: chance() ? color() : nil, equalHorizontal: chance(), equalVertical: chance())
            options.trim?.fromBottomRight = chance()
            options.trim?.euclidean = chance()
        }
        if chance() { options.padding = Padding(top: int(0...9), right: int(0...9), bottom: int(1...9), left: int(0...9)) }
        if chance() { options.autoRotate.toggle() }
        if chance() { options.rotate = [0, 90, 180, 270][int(0...3)] }
        if chance() { options.flip = Flip(horizontal: chance(), vertical: chance()) }
        if chance() { options.background = chance() ? color() : nil }
        if chance() { options.blur = Double(int(0...200)) / 10 }
        if chance() { options.sharpen = Double(int(0...40)) / 4 }
        if chance() { options.quality = int(0...100) }
        if chance() { options.formatQuality[ImageFormat.outputFormats[int(0...4)]] = int(1...100) }
        if chance() { options.format = ImageFormat.outputFormats[int(0...4)] }
        if chance() { options.stripMetadata.toggle() }
        if chance() { options.keepCopyright.toggle() }
        if chance() { options.stripColorProfile.toggle() }
        if chance() { options.maxBytes = int(0...100_000) }
        if chance() { options.page = int(0...500) }
        if chance() { options.disableAnimation.toggle() }
        if chance() { options.videoSecond = Double(int(0...400)) / 4 }
        if chance() { options.gifPalette = GIFPaletteStrategy.allCases[int(0...2)] }
        if chance() { options.cacheBuster = "v\(int(0...99)):/%x" }
        if chance() { options.expires = int(0...2_000_000_000) }
        if chance() { options.filename = "name \(int(0...9)).jpg" }
        if chance() { options.returnAttachment.toggle() }
        if chance() { options.minWidth = int(0...900) }
        if chance() { options.minHeight = int(0...900) }
        if chance() { options.zoomX = Double(int(1...40)) / 8; options.zoomY = chance() ? options.zoomX : Double(int(1...40)) / 10 }
        if chance() { options.extendAspectRatio.toggle(); options.extendAspectRatioGravity = gravity(allowSmart: false) }
        if chance() { options.pixelate = int(0...40) }
        if chance() { options.adjustment.brightness = Double(int(-255...255)) }
        if chance() { options.adjustment.contrast = Double(int(0...40)) / 8 }
        if chance() { options.adjustment.saturation = Double(int(0...40)) / 8 }
        if chance() { options.adjustment.channelOffsets = [Double(int(-9...9)), 0, Double(int(-255...255))] }
        if chance() { options.watermark = randomWatermark(&random) }
        if chance() { options.enforceThumbnail.toggle() }
        if chance() { options.skipProcessing = Set([ImageFormat.svg, .gif, .png, .jpeg].prefix(int(0...4))) }
        if chance() { options.raw.toggle() }
        if chance() { options.describeOnly.toggle() }
        if chance() { options.widthFromSource.toggle() }
        if chance() { options.heightFromSource.toggle() }
        if chance() { options.focalRegion = FocalRegion(left: int(0...50), top: int(0...50), right: int(51...900), bottom: int(51...900)) }
        if chance() { options.canvasFill = CanvasFill.allCases[int(0...2)] }
        if chance() { options.roundCorners = RoundCorners(radiusX: int(1...40), radiusY: int(1...40), color: chance() ? color() : nil) }
        if chance() { options.resultQuarterTurns = int(0...3) }
        if chance() { options.sourceLimits.maxResolution = Double(int(1...400)) / 4 }
        if chance() { options.sourceLimits.maxFileSize = int(1...90_000_000) }
        if chance() { options.sourceLimits.maxAnimationFrames = int(1...900) }
        if chance() { options.sourceLimits.maxResultDimension = int(1...9000) }
        if chance() { options.sourceLimits.maxAnimationFrameResolution = Double(int(1...99)) / 3 }
        if chance(), !presetNames.isEmpty { options.presets = [presetNames[int(0...(presetNames.count - 1))]] }
        if !options.presets.isEmpty, chance() {
            // Values set by the preset and then overridden must survive too.
            options.width = 0
            options.blur = 0
        }
        return options
    }
}

/// A tiny deterministic generator for property tests.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
