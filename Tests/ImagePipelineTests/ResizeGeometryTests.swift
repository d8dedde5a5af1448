import ImageOptions
@testable import ImagePipeline
import Testing

@Suite struct ResizeGeometryTests {
    private func geometry(_ width: Int, _ height: Int, _ options: String) throws -> ResizeGeometry {
        ResizeGeometry(width: width, height: height, options: try ProcessingOptions(parsing: options))
    }

    private func size(_ geometry: ResizeGeometry) -> [Int] { [geometry.resultWidth, geometry.resultHeight] }

    @Test func fitKeepsAspectInsideTheBox() throws {
        #expect(size(try geometry(2725, 2225, "rs:fit:300:300")) == [300, 245])
        #expect(size(try geometry(2225, 2725, "rs:fit:300:300")) == [245, 300])
        #expect(size(try geometry(1000, 500, "w:100")) == [100, 50])
        #expect(size(try geometry(1000, 500, "h:100")) == [200, 100])
    }

    @Test func fillCoversAndCrops() throws {
        let result = try geometry(1000, 500, "rs:fill:300:300")
        #expect([result.resizedWidth, result.resizedHeight] == [600, 300])
        #expect(size(result) == [300, 300])
    }

    @Test func noEnlargementUnlessAsked() throws {
        #expect(size(try geometry(100, 50, "rs:fit:300:300")) == [100, 50])
        #expect(size(try geometry(100, 50, "rs:fit:300:300:1")) == [300, 150])
        #expect(size(try geometry(100, 50, "rs:fill:300:300")) == [100, 50])
    }

    @Test func fillDownCropsToTheRequestedAspectWhenSmaller() throws {
        #expect(size(try geometry(100, 100, "rs:fill-down:300:150")) == [100, 50])
        #expect(size(try geometry(1000, 1000, "rs:fill-down:300:150")) == [300, 150])
    }

    @Test func forceStretches() throws {
        #expect(size(try geometry(1000, 500, "rs:force:100:100")) == [100, 100])
    }

    @Test func autoFillsSameOrientationAndFitsOtherwise() throws {
        #expect(size(try geometry(1000, 500, "rs:auto:300:200")) == [300, 200])
        #expect(size(try geometry(500, 1000, "rs:auto:300:200")) == [100, 200])
    }

    @Test func dprMultipliesSizeAndPadding() throws {
        #expect(size(try geometry(1000, 500, "rs:fit:100:100/dpr:2")) == [200, 100])
        #expect(size(try geometry(1000, 500, "rs:fit:100:100/dpr:2/pd:5")) == [220, 120])
    }

    @Test func extendFillsTheBox() throws {
        let result = try geometry(100, 50, "rs:fit:300:300:0:1")
        #expect([result.fillWidth, result.fillHeight] == [100, 50])
        #expect(size(result) == [300, 300])
    }

    @Test func cropBeforeResizeInPixelsOrFractions() throws {
        #expect(try geometry(1000, 500, "c:500:250").crop.map { [$0.width, $0.height] } == [500, 250])
        #expect(try geometry(1000, 500, "c:0.5:0.5").crop.map { [$0.width, $0.height] } == [500, 250])
        #expect(size(try geometry(1000, 500, "c:500:500/rs:fit:100:100")) == [100, 100])
        let shrunk = ResizeGeometry(width: 125, height: 63, options: try ProcessingOptions(parsing: "c:500:250"), sourceScale: 0.125)
        #expect(shrunk.crop.map { [$0.width, $0.height] } == [63, 31])
    }

    @Test func shrinkOnLoadKeepsEnoughPixels() {
        #expect(LoadPlan.powerOfTwoShrink(for: 300.0 / 2725, maximum: 8) == 8)
        #expect(LoadPlan.powerOfTwoShrink(for: 0.2, maximum: 8) == 4)
        #expect(LoadPlan.powerOfTwoShrink(for: 0.5, maximum: 8) == 2)
        #expect(LoadPlan.powerOfTwoShrink(for: 0.51, maximum: 8) == 1)
        #expect(LoadPlan.powerOfTwoShrink(for: 2, maximum: 8) == 1)
    }

    @Test func orientationComposition() throws {
        for exif in 1...8 {
            let plain = OrientationTransform(exifOrientation: exif)
            #expect(OrientationTransform(exifOrientation: exif, options: ProcessingOptions()) == plain)
        }
        let rotated = OrientationTransform(exifOrientation: 6, options: try ProcessingOptions(parsing: "rot:270"))
        #expect(rotated.isIdentity)
        let flipped = OrientationTransform(exifOrientation: 2, options: try ProcessingOptions(parsing: "fl:1:0"))
        #expect(flipped.isIdentity)
        let vertical = OrientationTransform(exifOrientation: 4, options: try ProcessingOptions(parsing: "fl:0:1"))
        #expect(vertical.isIdentity)
        let ignored = OrientationTransform(exifOrientation: 6, options: try ProcessingOptions(parsing: "ar:0"))
        #expect(ignored.isIdentity)
    }
}
