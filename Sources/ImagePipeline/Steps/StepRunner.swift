import VipsKit

/// Runs the ordered pipeline steps on one image, for a still job and for every frame of an animation alike: the
/// deadline is checked before each step, and libvips errors become `PipelineError`s named after the step.
struct StepRunner: Sendable {
    let plan: ProcessingPlan
    let configuration: PipelineConfiguration
    var steps: [PipelineStep] = PipelineStep.standardOrder

    /// The image after every step, and what the steps decided (such as whether metadata is written).
    /// `decodeScale` is the exact scale from source pixels to `image`'s pixels.
    func run(_ image: VImage, decodeScale: Double,
             deadline: ContinuousClock.Instant? = nil) throws -> (VImage, StepContext) {
        var context = StepContext(plan: plan, configuration: configuration, decodeScale: decodeScale,
                                  geometry: plan.geometry)
        var image = image
        for step in steps {
            try Self.check(deadline)
            image = try PipelineError.mappingVipsErrors(step.name) { try step.run(image, &context) }
        }
        return (image, context)
    }

    /// Throws `deadlineExceeded` once `deadline` has passed.
    static func check(_ deadline: ContinuousClock.Instant?) throws {
        if let deadline, ContinuousClock.now >= deadline { throw PipelineError.deadlineExceeded }
    }
}
