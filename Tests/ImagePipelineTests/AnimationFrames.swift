import MediaFormats
@testable import ImagePipeline
import VipsKit

/// Test helper: every frame of an animation, composited, as RGB on grey, decoded by an independent decoder where
/// one exists (libvips' gifload and webpload, FFmpeg's apng decoder); AVIF sequences through libavif, which
/// libvips 8.14 cannot read.
struct AnimationFrames {
    let frames: [DecodedImage]
    let delays: [Int]
    /// Times to play, 0 forever.
    let plays: Int

    static func decode(_ bytes: [UInt8], resizeTo size: (Int, Int)? = nil) throws -> AnimationFrames {
        let info = try ImageProcessor().probe(bytes)
        if info.format == .avif {
            let decoder = try AVIFFrameDecoder.open(bytes, limits: ImageLimits()).decoder
            var frames: [DecodedImage] = []
            var delays: [Int] = []
            while let frame = try decoder.next() {
                let image = try VImage.fromPixels(frame.pixels, width: frame.width, height: frame.height, bands: 4)
                frames.append(try onGrey(image, resizeTo: size))
                delays.append(frame.delay)
            }
            return AnimationFrames(frames: frames, delays: delays, plays: 0)
        }
        if info.format == .png, info.animated {
            let frames = try ReferenceAPNGFrames.decode(bytes, width: info.width, height: info.height)
            return AnimationFrames(frames: try frames.map { try onGrey($0, resizeTo: size) },
                                   delays: info.frameDelays ?? [], plays: AnimationLoop.plays(info))
        }
        guard info.format == .gif || info.format == .webp else {
            let load = try LoadPlan.make(info: info, scale: 1, sequential: false, failOnTruncated: false, allowShrink: false)
            let image = try VImage.load(bytes, as: load.loader, options: load.options)
            return AnimationFrames(frames: [try onGrey(image, resizeTo: size)], delays: [], plays: 0)
        }
        let strip = try VImage.load(bytes, as: info.format == .gif ? .gif : .webp, options: LoadOptions(allFrames: true))
        let pageHeight = strip.integer(named: "page-height") ?? strip.height
        let count = strip.height / pageHeight
        let frames = try (0..<count).map { index in
            try onGrey(try strip.cropped(left: 0, top: index * pageHeight, width: strip.width, height: pageHeight),
                       resizeTo: size)
        }
        return AnimationFrames(frames: frames, delays: info.frameDelays ?? [], plays: AnimationLoop.plays(info))
    }

    /// Composites on mid grey (so transparency errors show) and resizes premultiplied.
    static func onGrey(_ source: VImage, resizeTo size: (Int, Int)?) throws -> DecodedImage {
        var image = source
        if image.bands < 3 { image = try image.converted(to: .sRGB) }
        if image.bands == 3 { image = try image.appendingBand(value: 255) }
        if let (width, height) = size, width != image.width || height != image.height {
            image = try image.premultiplied()
                .resized(horizontal: Double(width) / Double(image.width), vertical: Double(height) / Double(image.height))
                .unpremultiplied().cast(to: .uchar)
        }
        image = try image.flattened(background: [128, 128, 128]).cast(to: .uchar)
        return DecodedImage(width: image.width, height: image.height, pixels: try image.pixelBytes())
    }
}

/// Test helper: an RGBA image from packed pixels.
enum VImageFactory {
    static func rgba(_ pixels: [UInt8], width: Int, height: Int) throws -> VImage {
        try VImage.fromPixels(pixels, width: width, height: height, bands: 4)
    }
}
