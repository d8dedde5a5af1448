import ArgumentParser
import Foundation
import ImageOptions
import ImagePipeline

/// Prints a one-line error for a library error and exits non-zero, instead of a crash or a stack of text.
package enum CommandFailure {
    package static func message(for error: any Error, verbose: Bool = false) -> String {
        switch error {
        case let error as PipelineError where verbose: "\(error.publicMessage) (\(error.label): \(error.detail))"
        case let error as PipelineError: "\(error.publicMessage) (\(error.label))"
        case let error as OptionsError: "\(error.detail) (\(error.label))"
        case let error as CocoaError where error.code == .fileReadNoSuchFile: "no such file"
        default: String(describing: error).split(separator: "\n").first.map(String.init) ?? "failed"
        }
    }

    package static func exit(_ error: any Error, context: String, verbose: Bool = false) -> ExitCode {
        FileHandle.standardError.write(Data("media-proxy: \(context): \(message(for: error, verbose: verbose))\n".utf8))
        return ExitCode(error is OptionsError ? 2 : 1)
    }
}
