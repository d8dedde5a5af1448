import ImagePipeline

/// The pipeline the targets run, under small limits: a hostile header costs little, and a slow input is a
/// finding rather than a wait.
enum FuzzProcessor {
    /// The limits: 4 megapixels a frame, 1,024 pixels a side, 24 frames, 256 pixels a side out.
    static let configuration: PipelineConfiguration = {
        var configuration = PipelineConfiguration()
        configuration.limits.maxSourcePixels = 4_000_000
        configuration.limits.maxSourceDimension = 4_096
        configuration.limits.maxFrames = 24
        configuration.limits.maxAnimationPixels = 16_000_000
        configuration.limits.maxResultDimension = 256
        return configuration
    }()

    /// One processor for the process.
    static let shared: ImageProcessor = {
        do {
            return try ImageProcessor(configuration: configuration)
        } catch {
            fatalError("the fuzz pipeline's configuration is invalid: \(error)")
        }
    }()
}
