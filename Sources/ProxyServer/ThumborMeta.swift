import ImageOptions
import ImagePipeline

/// thumbor's `meta` answer: the source's size, the operations, and the target size, as thumbor writes them.
struct ThumborMeta: Encodable {
    struct Size: Encodable {
        let width: Int
        let height: Int
    }

    struct Source: Encodable {
        let url: String
        let width: Int
        let height: Int
        let frameCount: Int
    }

    struct Operation: Encodable {
        let operation: PlannedOperation

        private enum Keys: String, CodingKey { case type, left, top, right, bottom, width, height }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch operation {
            case let .crop(left, top, right, bottom):
                try container.encode("crop", forKey: .type)
                try container.encode(left, forKey: .left)
                try container.encode(top, forKey: .top)
                try container.encode(right, forKey: .right)
                try container.encode(bottom, forKey: .bottom)
            case let .resize(width, height):
                try container.encode("resize", forKey: .type)
                try container.encode(width, forKey: .width)
                try container.encode(height, forKey: .height)
            case .flipHorizontally:
                try container.encode("flip_horizontally", forKey: .type)
            case .flipVertically:
                try container.encode("flip_vertically", forKey: .type)
            }
        }
    }

    struct Body: Encodable {
        let source: Source
        let operations: [Operation]
        let target: Size
    }

    let thumbor: Body

    /// The description of `plan` for the source named `sourceURL` (a `local:///` path is shown as thumbor's
    /// file loader names it). As thumbor 7.8 does, the source's width and height are those of the result (after
    /// a `rotate` filter), the target's those before the filters.
    init(plan: ProcessingPlan, sourceURL: String) {
        let turned = plan.options.resultQuarterTurns % 2 == 1
        let url = sourceURL.hasPrefix("local:///") ? String(sourceURL.dropFirst("local:///".count)) : sourceURL
        thumbor = Body(
            source: Source(url: url, width: turned ? plan.geometry.resultHeight : plan.geometry.resultWidth,
                           height: turned ? plan.geometry.resultWidth : plan.geometry.resultHeight,
                           frameCount: plan.info.frames),
            operations: plan.operations.map(Operation.init),
            target: Size(width: plan.geometry.resultWidth, height: plan.geometry.resultHeight))
    }
}
