import MediaFormats
import Testing
@testable import ImageOptions

@Suite struct ProcessingOptionsParseTests {
    @Test func resizeMetaOptionSetsEveryPart() throws {
        let options = try ProcessingOptions(parsing: "rs:fill:300:200:1:1:so:5:6")
        #expect(options.resizingType == .fill)
        #expect(options.width == 300)
        #expect(options.height == 200)
        #expect(options.enlarge)
        #expect(options.extend)
        #expect(options.extendGravity == .anchor(.south, xOffset: 5, yOffset: 6))
    }

    @Test func emptyArgumentsKeepEarlierValues() throws {
        let options = try ProcessingOptions(parsing: "w:100/h:50/rs:fill::200")
        #expect(options.width == 100)
        #expect(options.height == 200)
        #expect(options.resizingType == .fill)
    }

    @Test func longAndShortNamesAgree() throws {
        let long = try ProcessingOptions(parsing:
            "resize:fit:10:20/gravity:fp:0.25:0.75/quality:55/format:webp/blur:2/sharpen:1.5/rotate:90/flip:1:0")
        let short = try ProcessingOptions(parsing: "rs:fit:10:20/g:fp:0.25:0.75/q:55/f:webp/bl:2/sh:1.5/rot:90/fl:1:0")
        #expect(long == short)
        #expect(short.gravity == .focusPoint(x: 0.25, y: 0.75))
        #expect(short.format == .webp)
    }

    @Test func paddingFollowsCSSShorthand() throws {
        #expect(try ProcessingOptions(parsing: "pd:10").padding == Padding(top: 10, right: 10, bottom: 10, left: 10))
        #expect(try ProcessingOptions(parsing: "pd:10:20").padding == Padding(top: 10, right: 20, bottom: 10, left: 20))
        #expect(try ProcessingOptions(parsing: "pd:1:2:3").padding == Padding(top: 1, right: 2, bottom: 3, left: 2))
        #expect(try ProcessingOptions(parsing: "pd:1:2:3:4").padding == Padding(top: 1, right: 2, bottom: 3, left: 4))
        #expect(try ProcessingOptions(parsing: "pd:0").padding == nil)
    }

    @Test func backgroundTakesHexOrComponents() throws {
        #expect(try ProcessingOptions(parsing: "bg:ff0080").background == RGBColor(red: 255, green: 0, blue: 128))
        #expect(try ProcessingOptions(parsing: "bg:1:2:3").background == RGBColor(red: 1, green: 2, blue: 3))
        #expect(try ProcessingOptions(parsing: "bg:1:2:3/bg:").background == nil)
    }

    @Test func rotationIsNormalised() throws {
        #expect(try ProcessingOptions(parsing: "rot:-90").rotate == 270)
        #expect(try ProcessingOptions(parsing: "rot:450").rotate == 90)
    }

    @Test func formatQualityAndQualityCombine() throws {
        let options = try ProcessingOptions(parsing: "q:70/fq:webp:60:avif:50")
        #expect(options.quality(for: .jpeg) == 70)
        #expect(options.quality(for: .webp) == 60)
        #expect(options.quality(for: .avif) == 50)
        #expect(ProcessingOptions().quality(for: .jpeg) == nil)
    }

    @Test func metadataSwitchesAndMaxBytes() throws {
        let options = try ProcessingOptions(parsing: "sm:0/kcr:t/scp:false/mb:20000/ar:0")
        #expect(!options.stripMetadata)
        #expect(options.keepCopyright)
        #expect(!options.stripColorProfile)
        #expect(options.maxBytes == 20000)
        #expect(!options.autoRotate)
    }

    @Test func trimAndCrop() throws {
        let options = try ProcessingOptions(parsing: "t:12:00ff00:1:0/c:0.5:100:nowe:3:4")
        #expect(options.trim == TrimOptions(threshold: 12, color: RGBColor(red: 0, green: 255, blue: 0),
                                            equalHorizontal: true, equalVertical: false))
        #expect(options.crop == CropOptions(width: 0.5, height: 100, gravity: .anchor(.northWest, xOffset: 3, yOffset: 4)))
    }

    @Test func presetsExpandInPlaceAndDefaultAppliesFirst() throws {
        let presets = try PresetTable(["default": "q:90", "thumb": "rs:fill:100:100/q:60", "blurry": "bl:3"])
        let options = try ProcessingOptions(parsing: "pr:thumb:blurry/w:120", presets: presets)
        #expect(options.presets == ["thumb", "blurry"])
        #expect(options.width == 120)
        #expect(options.height == 100)
        #expect(options.quality == 60)
        #expect(options.blur == 3)
        #expect(try ProcessingOptions(parsing: "", presets: presets).quality == 90)
    }

    @Test func recursivePresetIsRefused() {
        #expect(throws: OptionsError.self) { try PresetTable(["loop": "pr:loop"]) }
    }

    @Test(arguments: [
        "nope:1", "w:-1", "w:abc", "h:1:2", "rt:squash", "el:maybe", "dpr:0", "dpr:9", "g:up", "g:fp:2:0.5",
        "rot:45", "bg:zzzzzz", "bg:1:2", "q:101", "f:bmp", "fq:jpg", "fq:bmp:10", "t:1:nothex", "pr:missing",
        "bl:1000", "pd:1:2:3:4:5", "w:99999999999999999999999", "w:9223372036854775807", "h:1000001",
        "rs:fit:1000001:10", "s:10:1000001", "ex:1:sm", "fn:%zz", "rs:fit:1:1:0:0:ce:1:2:3",
    ])
    func malformedOptionsThrow(text: String) {
        #expect(throws: OptionsError.self) { try ProcessingOptions(parsing: text) }
    }
}
