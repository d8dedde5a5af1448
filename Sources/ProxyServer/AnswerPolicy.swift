import HTTPTypes

/// What every image answer's head takes from the configuration, worked out once per server rather than per answer.
struct AnswerPolicy: Sendable {
    /// The header telling HIT or MISS, if any.
    let cacheStatusName: HTTPField.Name?
    /// Cache-Control max-age of answers, in seconds.
    let cacheMaxAge: Int
    /// `public, max-age=<cacheMaxAge>`: the Cache-Control of every answer without `exp:`.
    let cacheControl: String

    init(_ configuration: ServerConfiguration) {
        cacheStatusName = configuration.cacheStatusHeader.flatMap { HTTPField.Name($0) }
        cacheMaxAge = configuration.cacheMaxAge
        cacheControl = "public, max-age=\(configuration.cacheMaxAge)"
    }
}
