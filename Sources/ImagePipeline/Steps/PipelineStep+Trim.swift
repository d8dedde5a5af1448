import ImageOptions
import VipsKit

extension PipelineStep {
    /// Removes a border of (nearly) one colour: the requested one, or the top-left pixel's.
    static let trim = PipelineStep(name: "trim") { image, context in
        guard let trim = context.options.trim else { return image }
        if trim.euclidean {
            guard let box = try EuclideanTrim.bounds(of: image, trim: trim) else { return image }
            return try image.cropped(left: box.left, top: box.top, width: box.width, height: box.height)
        }
        let flat = image.hasAlpha ? try image.flattened(background: [255, 255, 255]) : image
        let corner = trim.fromBottomRight ? (x: flat.width - 1, y: flat.height - 1) : (x: 0, y: 0)
        let background = try trim.color.map(\.components) ?? flat.pixel(x: corner.x, y: corner.y)
        guard var box = try flat.trimBounds(threshold: trim.threshold, background: background) else { return image }
        if trim.equalHorizontal {
            let side = min(box.left, image.width - box.left - box.width)
            box.left = side
            box.width = image.width - 2 * side
        }
        if trim.equalVertical {
            let side = min(box.top, image.height - box.top - box.height)
            box.top = side
            box.height = image.height - 2 * side
        }
        return try image.cropped(left: box.left, top: box.top, width: box.width, height: box.height)
    }
}
