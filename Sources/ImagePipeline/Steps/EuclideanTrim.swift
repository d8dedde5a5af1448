import ImageOptions
import VipsKit

/// thumbor's trim: the bounding box of the pixels whose Euclidean distance from the corner pixel, over every
/// channel as stored (alpha included), exceeds the tolerance; scanned row by row as thumbor does.
enum EuclideanTrim {
    /// The box to keep, or nil when nothing would be left (thumbor then leaves the image as it is).
    static func bounds(of image: VImage, trim: TrimOptions) throws -> (left: Int, top: Int, width: Int, height: Int)? {
        let source = image.bandFormat == .uchar ? image : try image.cast(to: .uchar)
        let pixels = try source.pixelBytes()
        let (width, height, stride) = (source.width, source.height, source.bands)
        guard width > 0, height > 0, pixels.count >= width * height * stride else { return nil }
        let cornerOffset = trim.fromBottomRight ? ((height - 1) * width + width - 1) * stride : 0
        let reference: [Int]
        if let colour = trim.color, stride >= 3 {
            reference = colour.components.map { Int($0) } + (stride > 3 ? [Int(pixels[cornerOffset + 3])] : [])
        } else {
            reference = (0..<stride).map { Int(pixels[cornerOffset + $0]) }
        }
        let limit = trim.threshold * trim.threshold
        func differs(_ x: Int, _ y: Int) -> Bool {
            let offset = (y * width + x) * stride
            var sum = 0
            for channel in 0..<stride {
                let delta = Int(pixels[offset + channel]) - reference[channel]
                sum += delta * delta
            }
            return Double(sum) > limit
        }
        var (left, top, right, bottom) = (width, height, 0, 0)
        for y in 0..<height {
            var x = 0
            while x < width {
                if differs(x, y) {
                    left = min(left, x)
                    top = min(top, y)
                    bottom = y
                    break
                }
                x += 1
            }
            var scan = width - 1
            let stop = max(x, right)
            while scan > stop {
                if differs(scan, y) {
                    right = max(right, scan)
                    break
                }
                scan -= 1
            }
        }
        guard right >= left, bottom >= top else { return nil }
        return (left, top, right - left + 1, bottom - top + 1)
    }
}
