import VipsKit

extension PipelineStep {
    /// Recomputes the geometry on the decoded, oriented, trimmed image, then applies the `crop` option.
    static let crop = PipelineStep(name: "crop") { image, context in
        context.geometry = ResizeGeometry(width: image.width, height: image.height, options: context.options,
                                          sourceScale: context.sourceScale)
        guard let crop = context.geometry.crop, crop.width < image.width || crop.height < image.height else {
            return image
        }
        guard let origin = GravityPlacement.origin(of: (crop.width, crop.height), in: (image.width, image.height),
                                                   gravity: crop.gravity, offsetScale: context.sourceScale) else {
            return try image.smartCropped(width: crop.width, height: crop.height)
        }
        return try image.cropped(left: origin.x, top: origin.y, width: crop.width, height: crop.height)
    }
}
