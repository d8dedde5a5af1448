import CVips
import VipsKit

extension PipelineStep {
    /// Lanczos3 resampling to the planned size, premultiplying alpha so edges do not darken.
    ///
    /// The factor is the planned scale over the exact decode scale. Where rounding then gives one pixel too
    /// many, the extra edge pixel is cut; where it falls short, the factor that hits the size is used instead.
    static let resize = PipelineStep(name: "resize") { image, context in
        let geometry = context.geometry
        guard geometry.resizedWidth != image.width || geometry.resizedHeight != image.height else { return image }
        func factor(_ scale: Double, _ size: Int, _ target: Int) -> Double {
            let exact = scale / context.decodeScale
            let rounded = Int((Double(size) * exact).rounded())
            return rounded == target || rounded == target + 1 ? exact : Double(target) / Double(size)
        }
        let horizontal = factor(geometry.scaleX, image.width, geometry.resizedWidth)
        let vertical = factor(geometry.scaleY, image.height, geometry.resizedHeight)
        var resized: VImage
        if image.hasAlpha {
            let format = image.bandFormat
            resized = try image.premultiplied().resized(horizontal: horizontal, vertical: vertical)
                .unpremultiplied().cast(to: format)
        } else {
            resized = try image.resized(horizontal: horizontal, vertical: vertical)
        }
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
