import ImageOptions
import VipsKit

extension PipelineStep {
    /// Decides what metadata the encoder writes: none by default; copyright and artist on request; the ICC
    /// profile when it was kept; everything (orientation reset once applied) when stripping is off.
    static let metadata = PipelineStep(name: "metadata") { image, context in
        let options = context.options
        guard options.stripMetadata else {
            context.writesMetadata = true
            return context.plan.orientation.isIdentity ? image : try image.withOrientation(1)
        }
        var kept = try image.withoutMetadata()
        if options.keepCopyright, let exif = image.blob(named: "exif-data"),
           let minimal = exif.withUnsafeBytes({ MinimalEXIF.copyrightOnly(fromEXIF: $0) }) {
            kept = try kept.withBlob(minimal, named: "exif-data")
            context.writesMetadata = true
        }
        if !options.stripColorProfile, let profile = image.blob(named: "icc-profile-data") {
            kept = try kept.withBlob(profile, named: "icc-profile-data")
            context.writesMetadata = true
        }
        return kept
    }
}
