import ImageOptions
import ImagePipeline
import MediaFormats

extension FuzzTarget {
    /// The whole pipeline (probe, plan, load, steps, encode; stills, animations, video frames and the fast
    /// paths) on arbitrary bytes, under `FuzzProcessor`'s small limits. The first byte picks the output format
    /// (or the source's), the second the options. An answer must be a non-empty file of the format it claims
    /// (and asked), at a size within the limits.
    static let pipeline = FuzzTarget(name: "pipeline", parameterBytes: 2) { bytes in
        var input = FuzzInput(bytes)
        var options = input.choice(pipelineOptions)
        options.format = input.choice(pipelineFormats)
        let source = [UInt8](input.rest)
        let processor = FuzzProcessor.shared
        guard let image = try? processor.process(source, options: options, deadline: .now + .seconds(20)) else {
            return false
        }
        let limit = processor.configuration.limits.maxResultDimension
        try require(!image.bytes.isEmpty, "empty \(image.format) answer")
        try require(ImageFormat.sniff(image.bytes) == (image.format == .apng ? .png : image.format),
                    "the answer is not the \(image.format) it claims")
        try require(options.format == nil || options.format == image.format,
                    "asked for \(options.format!), answered \(image.format)")
        try require((1...limit).contains(image.width) && (1...limit).contains(image.height),
                    "answered \(image.width)x\(image.height), limit \(limit)")
        return true
    }

    /// The output formats the pipeline target picks from; nil keeps the source's.
    private static let pipelineFormats: [ImageFormat?] = [nil] + ImageFormat.outputFormats.map { Optional($0) }

    /// The option sets the pipeline target picks from: each step and mode at least once.
    private static let pipelineOptions: [ProcessingOptions] = [
        "rs:fit:64:64", "rs:fill:48:32/g:sm", "rs:fit:120:0/bl:1.5/sh:0.8/q:40",
        "rs:fill-down:40:40/g:nowe/ex:1/pd:2:3/bg:ff0000", "t:10/rs:fit:50:50", "pg:1/rs:fit:32:32",
        "rs:force:30:70/rot:90/fl:1:0/ar:0", "c:0.5:0.5/rs:fit:100:100", "vts:1/rs:fit:64:64",
        "mb:2000/rs:fit:200:200", "dpr:2/rs:fit:40:40/el:1", "sm:0/scp:0/da:1/rs:fit:64:64",
    ].map { text in
        do {
            return try ProcessingOptions(parsing: text)
        } catch {
            fatalError("pipeline fuzz options \(text) do not parse: \(error)")
        }
    }
}
