/// One kind of request the client sends: a file, how to render it (or `nil` for its `/info`), and the format.
struct ChaosRequest: Hashable, Sendable {
    let file: String
    /// imgproxy options, or nil for `/info`.
    let options: String?
    let format: String

    /// The proxy path for this request with its source at `origin`, served as `mode`, unique by `n`.
    func path(origin: String, mode: String, n: Int) -> String {
        let source = "\(origin)/m/\(mode)/\(n)/\(file)"
        guard let options else { return "/info/unsafe/plain/\(source)" }
        return "/unsafe/\(options)/plain/\(source)@\(format)"
    }

    /// Every request for the files: stills at three option sets in each output format, animations likewise,
    /// a video's frame, and each file's info.
    static func all(files: [String]) -> [ChaosRequest] {
        files.sorted().flatMap { file -> [ChaosRequest] in
            let isVideo = file.hasSuffix(".mp4") || file.hasSuffix(".webm")
            let options = isVideo ? ["vts:1/rs:fit:160:160", "rs:fill:96:64"]
                                  : ["rs:fit:160:160", "rs:fill:96:64/g:sm", "rs:fit:300:0/q:60"]
            let formats = isVideo ? ["jpg", "webp", "png"] : ["jpg", "webp", "png", "avif", "gif", "jxl", "apng"]
            return options.flatMap { option in formats.map { ChaosRequest(file: file, options: option, format: $0) } }
                + [ChaosRequest(file: file, options: nil, format: "json")]
        }
    }
}
