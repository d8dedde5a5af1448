import CCodecSupport
import CVideoFrame
import MediaFormats
import VipsKit

/// Frames of an MP4/MOV/WebM video from memory through FFmpeg (only the mov and matroska demuxers and the usual
/// video decoders may run).
enum VideoFrameDecoder {
    /// Reads the container and stream headers; the rotation becomes the EXIF orientation, so the usual
    /// orientation step applies it.
    static func probe(_ bytes: [UInt8], format: ImageFormat, limits: ImageLimits) throws -> ImageInfo {
        // The plan checks the size against the limits, with the status a too-large source gets.
        var unlimited = limits
        unlimited.maxSourcePixels = 0
        let (_, info) = try open(bytes, start: 0, limits: unlimited)
        return imageInfo(info, format: format)
    }

    /// Decodes the first frame at or after `second` (the last one when the video ends before) as an RGB image.
    static func frame(_ bytes: [UInt8], second: Double, limits: ImageLimits) throws -> VImage {
        let (decoder, _) = try open(bytes, start: second, limits: limits)
        guard let frame = try decoder.next() else { throw PipelineError.invalidImage("video: no decodable frame") }
        return try PipelineError.mappingVipsErrors("video") {
            try VImage.fromPixels(frame.pixels, width: frame.width, height: frame.height, bands: frame.bands)
        }
    }

    private static func open(_ bytes: [UInt8], start: Double,
                             limits: ImageLimits) throws -> (CodecFrameDecoder, mp_video_info) {
        var cLimits = CodecCall.limits(limits)
        var info = mp_video_info()
        let decoder = try CodecFrameDecoder(bytes, name: "video", limits: limits, open: { data, length, message in
            guard let decoder = mp_video_decoder_open(data, length, &cLimits, start, &info, &message) else { return nil }
            return (decoder, Int(info.width), Int(info.height), nil)
        }, next: { decoder, frame, message in
            (mp_video_decoder_next(decoder, &frame, &message), nil)
        }, close: { mp_video_decoder_close($0) })
        return (decoder, info)
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
