import MediaFormats
import VipsKit

/// Takes one frame of an animation as a still image.
enum FrameExtractor {
    /// Frame `index` (0-based), composited; an index past the end gives the last frame.
    static func frame(_ index: Int, of bytes: [UInt8], info: ImageInfo, limits: ImageLimits) throws -> VImage {
        let decoder = try FrameDecoders.open(bytes, info: info, limits: limits)
        var chosen: DecodedFrame?
        var position = 0
        while position <= index, let frame = try decoder.next() {
            chosen = frame
            position += 1
        }
        guard let chosen else { throw PipelineError.invalidImage("animation has no frames") }
        let image = try PipelineError.mappingVipsErrors("frame") {
            try VImage.fromPixels(chosen.pixels, width: chosen.width, height: chosen.height, bands: chosen.bands)
        }
        return info.hasAlpha || info.format == .gif ? image : try image.extractingBands(0, count: 3)
    }
}
