import VipsKit

extension PipelineError {
    /// Runs libvips work, turning its errors into `invalidImage` (the source could not be decoded or processed)
    /// named after `stage`; every other error passes through. libvips decodes on demand, so a source broken
    /// past its header fails while encoding: libvips' encode errors are the source's too.
    static func mappingVipsErrors<T>(_ stage: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VipsError where error.isStartFailure {
            throw PipelineError.libraryUnavailable("libvips: \(error.message)")
        } catch let error as VipsError {
            throw PipelineError.invalidImage("\(stage): \(error.message)")
        }
    }
}
