import Foundation
@testable import ImagePipeline
import VipsKit

/// Test helper: an APNG's composited frames as FFmpeg's apng decoder (an independent reference for blend and
/// dispose ops) gives them, one RGBA image a frame, no frame repeated or dropped. FFmpeg 5.1 cannot blend 16-bit
/// frames "over" ("not yet implemented") and stops there.
enum ReferenceAPNGFrames {
    static func decode(_ bytes: [UInt8], width: Int, height: Int) throws -> [VImage] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("apng-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.png"), output = folder.appendingPathComponent("frames.rgba")
        try Data(bytes).write(to: input)
        try Tool.run("ffmpeg", ["-v", "error", "-y", "-f", "apng", "-i", input.path, "-fps_mode", "passthrough",
                                "-f", "rawvideo", "-pix_fmt", "rgba", output.path])
        let raw = Array(try Data(contentsOf: output))
        let frameBytes = width * height * 4
        guard frameBytes > 0, raw.count % frameBytes == 0 else {
            throw PipelineError.invalidImage("ffmpeg gave \(raw.count) bytes, not whole \(width)x\(height) frames")
        }
        return try stride(from: 0, to: raw.count, by: frameBytes).map {
            try VImage.fromPixels(Array(raw[$0..<($0 + frameBytes)]), width: width, height: height, bands: 4)
        }
    }
}
