import ImageOptions

/// The sizes of crop -> resize (zoom, minimum sizes) -> fill crop -> extend (to the size or the aspect ratio) -> padding for one image size and one set of options.
///
/// Pure arithmetic (imgproxy's semantics), so it is computed from the header before decoding, to choose
/// shrink-on-load and check the result limit, and again on the decoded image.
public struct ResizeGeometry: Sendable, Hashable {
    /// The `crop` option's window size before resizing, and its gravity; nil when not cropping.
    public var crop: (width: Int, height: Int, gravity: Gravity)? { cropSize.map { ($0.width, $0.height, cropGravity) } }
    /// Resize factors (horizontal, vertical) applied after the crop.
    public var scaleX: Double
    public var scaleY: Double
    /// Size right after resizing.
    public var resizedWidth: Int
    public var resizedHeight: Int
    /// Window cut from the resized image (`fill`), equal to the resized size when nothing is cut.
    public var fillWidth: Int
    public var fillHeight: Int
    /// Canvas the image is extended onto; equal to the fill size when not extending.
    public var canvasWidth: Int
    public var canvasHeight: Int
    /// Padding in output pixels (dpr applied).
    public var padding: Padding
    private var cropSize: Size?
    private var cropGravity: Gravity = .center

    /// Final width and height.
    public var resultWidth: Int { canvasWidth + padding.left + padding.right }
    public var resultHeight: Int { canvasHeight + padding.top + padding.bottom }

    /// The largest of the two resize factors: what shrink-on-load may reduce to.
    public var maxScale: Double { max(scaleX, scaleY) }

    private struct Size: Hashable { var width: Int; var height: Int }

    /// Computes the geometry for an image of `width` x `height` (already oriented).
    ///
    /// - Parameter sourceScale: this image's size relative to the original source (below 1 after
    ///   shrink-on-load), so crop sizes given in source pixels still mean the same region.
    public init(width: Int, height: Int, options: ProcessingOptions, sourceScale: Double = 1) {
        let width = max(width, 1)
        let height = max(height, 1)
        var sourceWidth = width
        var sourceHeight = height
        if let crop = options.crop {
            func side(_ requested: Double, _ full: Int) -> Int {
                if requested <= 0 { return full }
                let pixels = requested <= 1 ? requested * Double(full) : requested * sourceScale
                return min(full, max(1, Int(pixels.rounded())))
            }
            let size = Size(width: side(crop.width, width), height: side(crop.height, height))
            cropSize = size
            cropGravity = crop.gravity ?? options.gravity
            sourceWidth = size.width
            sourceHeight = size.height
        }
        var targetWidth = Int((Double(options.width) * options.dpr).rounded())
        var targetHeight = Int((Double(options.height) * options.dpr).rounded())
        // thumbor's adaptive fit: a box of the other orientation than the image is turned to match it.
        if options.adaptiveOrientation, targetWidth > 0, targetHeight > 0,
           (sourceWidth < sourceHeight && targetWidth > targetHeight)
            || (sourceWidth > sourceHeight && targetWidth < targetHeight) {
            (targetWidth, targetHeight) = (targetHeight, targetWidth)
        }
        let widthRatio = targetWidth > 0 ? Double(targetWidth) / Double(sourceWidth) : nil
        let heightRatio = targetHeight > 0 ? Double(targetHeight) / Double(sourceHeight) : nil

        var type = options.resizingType
        if type == .auto {
            let sameOrientation = (sourceWidth >= sourceHeight) == (targetWidth >= targetHeight)
            type = targetWidth > 0 && targetHeight > 0 && sameOrientation ? .fill : .fit
        }
        var scaleX: Double
        var scaleY: Double
        switch (type, widthRatio, heightRatio) {
        case (_, nil, nil):
            scaleX = options.dpr
            scaleY = options.dpr
        case (.force, let w, let h):
            scaleX = w ?? h!
            scaleY = h ?? w!
        case (.fill, let w?, let h?), (.fillDown, let w?, let h?), (.cover, let w?, let h?):
            scaleX = max(w, h)
            scaleY = scaleX
        case (.fit, let w?, let h?), (.auto, let w?, let h?):
            scaleX = min(w, h)
            scaleY = scaleX
        case (_, let w, let h):
            scaleX = w ?? h!
            scaleY = scaleX
        }
        scaleX *= options.zoomX
        scaleY *= options.zoomY
        if !options.enlarge {
            scaleX = min(scaleX, 1)
            scaleY = min(scaleY, 1)
        }
        // The minimum sizes may enlarge whatever `enlarge` says, keeping the aspect ratio.
        if options.minWidth > 0 {
            let least = Double(options.minWidth) * options.dpr / Double(sourceWidth)
            if scaleX < least { (scaleX, scaleY) = (least, scaleY * least / scaleX) }
        }
        if options.minHeight > 0 {
            let least = Double(options.minHeight) * options.dpr / Double(sourceHeight)
            if scaleY < least { (scaleX, scaleY) = (scaleX * least / scaleY, least) }
        }
        self.scaleX = scaleX
        self.scaleY = scaleY
        resizedWidth = max(1, Int((Double(sourceWidth) * scaleX).rounded()))
        resizedHeight = max(1, Int((Double(sourceHeight) * scaleY).rounded()))

        // The fill and extend targets are zoomed with the image.
        let zoomedWidth = Int((Double(targetWidth) * options.zoomX).rounded())
        let zoomedHeight = Int((Double(targetHeight) * options.zoomY).rounded())
        fillWidth = resizedWidth
        fillHeight = resizedHeight
        if type == .fill || type == .fillDown {
            if zoomedWidth > 0 { fillWidth = min(resizedWidth, zoomedWidth) }
            if zoomedHeight > 0 { fillHeight = min(resizedHeight, zoomedHeight) }
            if type == .fillDown, zoomedWidth > 0, zoomedHeight > 0,
               resizedWidth < zoomedWidth || resizedHeight < zoomedHeight {
                let aspect = Double(zoomedWidth) / Double(zoomedHeight)
                if Double(resizedWidth) / Double(resizedHeight) > aspect {
                    fillWidth = max(1, Int((Double(resizedHeight) * aspect).rounded()))
                    fillHeight = resizedHeight
                } else {
                    fillWidth = resizedWidth
                    fillHeight = max(1, Int((Double(resizedWidth) / aspect).rounded()))
                }
            }
        }
        canvasWidth = fillWidth
        canvasHeight = fillHeight
        if options.extend {
            canvasWidth = max(fillWidth, zoomedWidth)
            canvasHeight = max(fillHeight, zoomedHeight)
        }
        if options.extendAspectRatio, zoomedWidth > 0, zoomedHeight > 0 {
            let aspect = Double(zoomedWidth) / Double(zoomedHeight)
            let current = Double(canvasWidth) / Double(canvasHeight)
            if current > aspect + 1e-9 {
                canvasHeight = max(canvasHeight, Int((Double(canvasWidth) / aspect).rounded()))
            } else if current < aspect - 1e-9 {
                canvasWidth = max(canvasWidth, Int((Double(canvasHeight) * aspect).rounded()))
            }
        }
        let pad = options.padding ?? Padding(top: 0, right: 0, bottom: 0, left: 0)
        func scaled(_ value: Int) -> Int { Int((Double(value) * options.dpr).rounded()) }
        padding = Padding(top: scaled(pad.top), right: scaled(pad.right), bottom: scaled(pad.bottom), left: scaled(pad.left))
    }
}
