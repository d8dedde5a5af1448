import VipsKit

extension PipelineStep {
    /// Settles the geometry on the pixels at hand (after orientation and trim): the plan decides.
    static let settleGeometry = PipelineStep(name: "settle-geometry") { image, context in
        (context.geometry, context.decodeScale) = context.plan.settledGeometry(
            width: image.width, height: image.height, decodeScale: context.decodeScale)
        return image
    }

    /// Applies the `crop` option to the settled geometry.
    static let crop = PipelineStep(name: "crop") { image, context in
        guard let crop = context.geometry.crop else { return image }
        let width = min(image.width, max(1, Int((Double(crop.width) * context.decodeScale).rounded())))
        let height = min(image.height, max(1, Int((Double(crop.height) * context.decodeScale).rounded())))
        guard width < image.width || height < image.height else { return image }
        guard let origin = GravityPlacement.origin(of: (width, height), in: (image.width, image.height),
                                                   gravity: crop.gravity, offsetScale: context.decodeScale) else {
            return try image.smartCropped(width: width, height: height)
        }
        return try image.cropped(left: origin.x, top: origin.y, width: width, height: height)
    }
}
