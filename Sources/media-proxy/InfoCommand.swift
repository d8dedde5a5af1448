import ArgumentParser
import CommandSupport
import Foundation
import ImagePipeline

/// `media-proxy info <file>`: the probe, size, type and placeholder as JSON.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print an image's header, size, type and placeholder (BlurHash, dominant colour) as JSON.")

    @Argument(help: "The image file.")
    var file: String

    func run() throws {
        do {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let info = try ImageProcessor(configuration: Environment.pipeline).summary(bytes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(info), as: UTF8.self))
        } catch {
            throw CommandFailure.exit(error, context: file)
        }
    }
}
