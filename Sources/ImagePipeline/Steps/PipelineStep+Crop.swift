import VipsKit

extension PipelineStep {
    /// Settles the geometry, then applies the `crop` option.
    ///
    /// The planned geometry (from the header, in source pixels) stands unless trim changed the size or the
    /// decoder returned another size than planned; then it is recomputed on the pixels at hand.
    static let crop = PipelineStep(name: "crop") { image, context in
        let planned = context.plan.geometry
        let expectedWidth = Double(context.plan.orientedWidth) * context.decodeScale
        let expectedHeight = Double(context.plan.orientedHeight) * context.decodeScale
        if context.options.trim != nil || abs(Double(image.width) - expectedWidth) > 1
            || abs(Double(image.height) - expectedHeight) > 1 {
            context.decodeScale = 1
            context.geometry = ResizeGeometry(width: image.width, height: image.height, options: context.options)
        } else {
            context.geometry = planned
        }
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
