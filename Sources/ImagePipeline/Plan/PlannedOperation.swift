import ImageOptions

/// One geometric step a plan will take, in the terms thumbor's `meta` answer uses.
public enum PlannedOperation: Sendable, Hashable {
    /// Cut `left..<right` x `top..<bottom` out of the image as it is at that point.
    case crop(left: Int, top: Int, right: Int, bottom: Int)
    case resize(width: Int, height: Int)
    case flipHorizontally
    case flipVertically
}

extension ProcessingPlan {
    /// The crops, resize and flips this plan takes, from the header alone, in thumbor's order and terms: the
    /// manual crop, then the window a fill keeps (in the coordinates before resizing), then the resize, then
    /// the flips. A smart crop is shown centred (where it lands needs the pixels).
    public var operations: [PlannedOperation] {
        var operations: [PlannedOperation] = []
        var size = (width: orientedWidth, height: orientedHeight)
        if let crop = geometry.crop, crop.width < size.width || crop.height < size.height {
            operations.append(window((crop.width, crop.height), in: size, gravity: crop.gravity, offsetScale: 1))
            size = (crop.width, crop.height)
        }
        var target = (width: geometry.resizedWidth, height: geometry.resizedHeight)
        if geometry.fillWidth < geometry.resizedWidth || geometry.fillHeight < geometry.resizedHeight {
            // The fill window in the coordinates before the resize.
            let window = (width: min(size.width, Int((Double(geometry.fillWidth) / geometry.scaleX).rounded())),
                          height: min(size.height, Int((Double(geometry.fillHeight) / geometry.scaleY).rounded())))
            operations.append(self.window(window, in: size, gravity: options.gravity,
                                          offsetScale: options.dpr / max(geometry.scaleX, 1e-9)))
            size = window
            target = (geometry.fillWidth, geometry.fillHeight)
        }
        if target.width != size.width || target.height != size.height {
            operations.append(.resize(width: target.width, height: target.height))
        }
        if options.flip.horizontal { operations.append(.flipHorizontally) }
        if options.flip.vertical { operations.append(.flipVertically) }
        return operations
    }

    /// A crop window placed by the gravity, in the coordinates of the image before the flips (our pipeline
    /// mirrors first, thumbor last: the window is mirrored back).
    private func window(_ window: (width: Int, height: Int), in size: (width: Int, height: Int),
                        gravity: Gravity, offsetScale: Double) -> PlannedOperation {
        var origin = GravityPlacement.origin(of: window, in: size, gravity: gravity, offsetScale: offsetScale)
            ?? ((size.width - window.width) / 2, (size.height - window.height) / 2)
        if options.flip.horizontal { origin.x = size.width - origin.x - window.width }
        if options.flip.vertical { origin.y = size.height - origin.y - window.height }
        return .crop(left: origin.x, top: origin.y, right: origin.x + window.width, bottom: origin.y + window.height)
    }
}
