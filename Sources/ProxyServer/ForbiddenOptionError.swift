/// An option the operator has not allowed (imgproxy's security options without `--allow-security-options`).
struct ForbiddenOptionError: Error {
    let code = "option_not_allowed"
    let message: String

    static let securityOptions = ForbiddenOptionError(
        message: "per-request limits (msr, msfs, maf, mafr, mrd) are not allowed on this server")
}
