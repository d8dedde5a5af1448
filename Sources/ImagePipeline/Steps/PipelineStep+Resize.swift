import CVips
import VipsKit

extension PipelineStep {
    /// Lanczos3 resampling to the planned size, premultiplying alpha so edges do not darken.
    static let resize = PipelineStep(name: "resize") { image, context in
        let geometry = context.geometry
        let horizontal = Double(geometry.resizedWidth) / Double(image.width)
        let vertical = Double(geometry.resizedHeight) / Double(image.height)
        guard geometry.resizedWidth != image.width || geometry.resizedHeight != image.height else { return image }
        guard image.hasAlpha else { return try image.resized(horizontal: horizontal, vertical: vertical) }
        let format = image.bandFormat
        return try image.premultiplied()
            .resized(horizontal: horizontal, vertical: vertical)
            .unpremultiplied()
            .cast(to: format)
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
