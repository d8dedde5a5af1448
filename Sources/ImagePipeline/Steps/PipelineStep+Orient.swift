import VipsKit

extension PipelineStep {
    /// Applies EXIF orientation, the user's rotation and flips as one rotation and at most one mirror.
    static let orient = PipelineStep(name: "orient") { image, context in
        let transform = context.plan.orientation
        var result = image
        if let turn = QuarterTurn(rawValue: transform.quarterTurns * 90), turn != .none {
            result = try result.rotated(turn)
        }
        if transform.mirrored { result = try result.flippedHorizontally() }
        return result
    }
}
