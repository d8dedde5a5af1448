import VipsKit

extension PipelineStep {
    /// Decides what metadata the encoder writes: none by default; copyright and artist on request; the ICC
    /// profile when it was kept; everything (orientation reset once applied) when stripping is off.
    static let metadata = PipelineStep(name: "metadata") { image, context in
        let options = context.options
        guard options.stripMetadata else {
            return context.plan.orientation.isIdentity ? image : try image.withoutOrientation()
        }
        var kept = try image.withoutMetadata()
        if options.keepCopyright, let exif = image.blob(named: "exif-data"),
           let minimal = exif.withUnsafeBytes({ MinimalEXIF.copyrightOnly(fromEXIF: $0) }) {
            kept = try kept.withBlob(minimal, named: "exif-data")
        }
        if !options.stripColorProfile, let profile = image.blob(named: "icc-profile-data") {
            kept = try kept.withBlob(profile, named: "icc-profile-data")
        }
        return kept
    }
}
