import VipsKit

extension PipelineError {
    /// Runs libvips work, turning its errors into `invalidImage` (the source could not be decoded or processed)
    /// named after `stage`, or into `encodeFailed` for the encoder; every other error passes through.
    static func mappingVipsErrors<T>(_ stage: String, encoding: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VipsError {
            let detail = "\(stage): \(error.message)"
            throw encoding ? PipelineError.encodeFailed(detail) : PipelineError.invalidImage(detail)
        }
    }
}
