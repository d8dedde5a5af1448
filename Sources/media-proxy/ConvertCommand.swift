import ArgumentParser
import CommandSupport
import Foundation
import ImageOptions
import ImagePipeline
import MediaFormats

/// `media-proxy convert <input> <output> [options]`: one file, or a whole folder.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an image (or every image in a folder) with processing options.",
        discussion: """
        Options use the URL grammar without the source part, e.g. rs:fit:300:300/q:80. For a file, the output \
        format follows the output file's extension. For a folder, outputs keep their relative paths and take \
        --format (default jpg).
        """
    )

    @Argument(help: "Input image file or folder.")
    var input: String

    @Argument(help: "Output file or folder.")
    var output: String

    @Argument(help: "Processing options, e.g. rs:fit:300:300/q:80.")
    var options: String = ""

    @Option(help: "Output format for folder conversion (jpg, png, webp, avif, gif, jxl, apng).")
    var format: String = "jpg"

    @Flag(help: "On failure, also print the internal detail (library messages) for diagnosis.")
    var verbose = false

    @Option(help: "Parallel jobs for folder conversion (default: cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let processor: ImageProcessor
        let parsed: ProcessingOptions
        do {
            processor = try ImageProcessor(configuration: Environment.pipeline)
            parsed = try ProcessingOptions(parsing: options)
        } catch {
            throw CommandFailure.exit(error, context: "options")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
            throw CommandFailure.exit(CocoaError(.fileReadNoSuchFile), context: input)
        }
        if isFolder.boolValue {
            guard let folderFormat = ImageFormat(extension: format), folderFormat.isOutput else {
                throw CommandFailure.exit(ValidationError("unsupported --format '\(format)'"), context: "format")
            }
            let batch = FolderConversion(processor: processor, options: parsed, format: folderFormat, jobs: max(1, jobs),
                                         verbose: verbose)
            let failures = batch.run(from: URL(fileURLWithPath: input), to: URL(fileURLWithPath: output))
            if failures > 0 { throw ExitCode(1) }
            return
        }
        do {
            let target = URL(fileURLWithPath: output)
            var fileOptions = parsed
            guard let outputFormat = ImageFormat(extension: target.pathExtension), outputFormat.isOutput else {
                throw ValidationError("the output extension '\(target.pathExtension)' is not an output format")
            }
            fileOptions.format = outputFormat
            let result = try processor.process(Array(try Data(contentsOf: URL(fileURLWithPath: input))), options: fileOptions)
            try AtomicFile.write(result.bytes, to: target)
        } catch {
            throw CommandFailure.exit(error, context: input, verbose: verbose)
        }
    }
}
