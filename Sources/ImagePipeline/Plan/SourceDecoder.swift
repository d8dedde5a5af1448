import VipsKit

/// Runs a load plan: libjpeg-turbo's scaled decoder where planned, libvips' named loader otherwise.
enum SourceDecoder {
    static func decode(_ bytes: [UInt8], plan: LoadPlan, info: ImageInfo) throws -> VImage {
        if plan.directJPEG, let image = try VImage.decodeJPEG(bytes, shrink: plan.shrink, fast: plan.fastJPEG,
                                                             failOnTruncated: plan.failOnTruncated) {
            // libjpeg rounds a scaled size up; the last, partial pixel would shift a centre-aligned resize by a
            // fraction of a pixel, so it is dropped, as libvips' jpegload does.
            return try cut(image, toWidth: max(1, info.width / plan.shrink), height: max(1, info.height / plan.shrink))
        }
        let image = try VImage.load(bytes, as: plan.loader, options: plan.options)
        return try clippedToScreen(image, plan: plan, info: info)
    }

    /// libvips' GIF loader grows the canvas to hold a frame placed outside the logical screen (a 1x1 screen
    /// with a frame at row 12,032 loads 1x12,032); the screen is what the probe measured, the plan sized and
    /// viewers show, so the rest is cut away.
    private static func clippedToScreen(_ image: VImage, plan: LoadPlan, info: ImageInfo) throws -> VImage {
        guard plan.loader == .gif, !plan.options.allFrames, info.width > 0, info.height > 0 else { return image }
        return try cut(image, toWidth: info.width, height: info.height)
    }

    /// The top-left `width` x `height` of `image`, or `image` itself when it is no larger.
    private static func cut(_ image: VImage, toWidth width: Int, height: Int) throws -> VImage {
        guard image.width > width || image.height > height else { return image }
        return try image.cropped(left: 0, top: 0, width: min(width, image.width), height: min(height, image.height))
    }
}
