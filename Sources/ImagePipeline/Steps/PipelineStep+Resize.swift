import ImageOptions
import VipsKit

extension PipelineStep {
    /// Lanczos3 resampling to the planned size, premultiplying alpha so edges do not darken.
    ///
    /// The factor is the planned scale over the exact decode scale. Where rounding then gives one pixel too
    /// many, the extra edge pixel is cut; where it falls short, the factor that hits the size is used instead.
    /// Large factors start with an integer box shrink (premultiplied when there is alpha).
    static let resize = PipelineStep(name: "resize") { image, context in
        let geometry = context.geometry
        guard geometry.resizedWidth != image.width || geometry.resizedHeight != image.height else { return image }
        /// The exact factor, unless rounding would fall short of the target (then the one that hits it).
        func fitted(_ exact: Double, _ size: Int, _ target: Int) -> Double {
            let rounded = Int((Double(size) * exact).rounded())
            return rounded == target || rounded == target + 1 ? exact : Double(target) / Double(size)
        }
        let exactX = geometry.scaleX / context.decodeScale
        let exactY = geometry.scaleY / context.decodeScale
        // Formats without shrink-on-load get the same treatment here: an integer box shrink first, leaving
        // Lanczos at least the configured margin (libvips' resize alone is several times slower at large factors).
        let margin = context.configuration.shrinkOnLoadMargin
        // Never below the planned size: a sliver (1000x3 to 16 wide) would shrink to nothing.
        let boxX = max(1, min(Int(1 / (exactX * margin)), image.width / max(1, geometry.resizedWidth)))
        let boxY = max(1, min(Int(1 / (exactY * margin)), image.height / max(1, geometry.resizedHeight)))
        var working = image.hasAlpha ? try image.premultiplied() : image
        if boxX > 1 || boxY > 1 { working = try working.boxShrunk(horizontal: boxX, vertical: boxY) }
        let horizontal = fitted(exactX * Double(boxX), working.width, geometry.resizedWidth)
        let vertical = fitted(exactY * Double(boxY), working.height, geometry.resizedHeight)
        var resized = try working.resized(horizontal: horizontal, vertical: vertical)
        if image.hasAlpha { resized = try resized.unpremultiplied().cast(to: image.bandFormat) }
        if resized.width > geometry.resizedWidth || resized.height > geometry.resizedHeight {
            resized = try resized.cropped(left: 0, top: 0, width: min(resized.width, geometry.resizedWidth),
                                          height: min(resized.height, geometry.resizedHeight))
        }
        return resized
    }

    /// Cuts the `fill` window out of the resized image at the gravity (or where libvips finds most interest).
    static let fillCrop = PipelineStep(name: "fill-crop") { image, context in
        let width = min(context.geometry.fillWidth, image.width)
        let height = min(context.geometry.fillHeight, image.height)
        guard width < image.width || height < image.height else { return image }
        guard let origin = GravityPlacement.origin(of: (width, height), in: (image.width, image.height),
                                                   gravity: context.options.gravity,
                                                   offsetScale: context.options.dpr) else {
            return try image.smartCropped(width: width, height: height)
        }
        return try image.cropped(left: origin.x, top: origin.y, width: width, height: height)
    }
}
