/// What a video container says about its picture stream.
public struct VideoInfo: Sendable, Hashable, Codable {
    /// Codec name as FFmpeg gives it (`h264`, `vp9`, `av1`, ...).
    public var codec: String
    /// Demuxer name (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`).
    public var container: String
    /// Seconds, when the container says.
    public var duration: Double?
    public var frameRate: Double?
    /// Frames in the stream, when the container says.
    public var frameCount: Int?
    /// Clockwise rotation the container asks for: 0, 90, 180 or 270.
    public var rotation: Int
}
