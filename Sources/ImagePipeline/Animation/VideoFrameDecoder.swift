import CVideoFrame
import Glibc
import ImageOptions
import VipsKit

/// One frame of an MP4/MOV/WebM video from memory through FFmpeg (only the mov and matroska demuxers and the
/// usual video decoders may run).
enum VideoFrameDecoder {
    /// Reads the container and stream headers; the rotation becomes the EXIF orientation, so the usual
    /// orientation step applies it.
    static func probe(_ bytes: [UInt8], format: ImageFormat) throws -> ImageInfo {
        var info = mp_video_info()
        var message = [CChar](repeating: 0, count: 128)
        let status = bytes.withUnsafeBufferPointer { mp_video_probe($0.baseAddress, $0.count, &info, &message) }
        guard status == 0 else { throw PipelineError.invalidImage("video: \(String(cString: message))") }
        return imageInfo(info, format: format)
    }

    /// Decodes the first frame at or after `second` as an RGB image.
    static func frame(_ bytes: [UInt8], second: Double, maxPixels: Int) throws -> VImage {
        var info = mp_video_info()
        var message = [CChar](repeating: 0, count: 128)
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0
        let status = bytes.withUnsafeBufferPointer {
            mp_video_frame($0.baseAddress, $0.count, second, Int64(maxPixels), &pixels, &width, &height, &info,
                           &message)
        }
        defer { free(pixels) }
        guard status == 0, let pixels else { throw PipelineError.invalidImage("video: \(String(cString: message))") }
        let count = Int(width) * Int(height) * 3
        return try VImage.fromPixels(Array(UnsafeBufferPointer(start: pixels, count: count)),
                                     width: Int(width), height: Int(height), bands: 3)
    }

    static func imageInfo(_ video: mp_video_info, format: ImageFormat) -> ImageInfo {
        var info = ImageInfo(format: format, width: Int(video.width), height: Int(video.height))
        info.orientation = switch video.rotation {
        case 90: 6
        case 180: 3
        case 270: 8
        default: 1
        }
        let codec = withUnsafeBytes(of: video.codec) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let container = withUnsafeBytes(of: video.container) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        info.video = VideoInfo(codec: codec, container: container,
                               duration: video.duration > 0 ? video.duration : nil,
                               frameRate: video.frame_rate > 0 ? video.frame_rate : nil,
                               frameCount: video.frames > 0 ? Int(video.frames) : nil,
                               rotation: Int(video.rotation))
        return info
    }
}
