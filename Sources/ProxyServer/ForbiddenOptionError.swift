/// An option the operator has not allowed (imgproxy's security options without `--allow-security-options`).
struct ForbiddenOptionError: Error {
    let code = "option_not_allowed"
    let message: String

    static let securityOptions = ForbiddenOptionError(
        message: "per-request source limits (msr, msfs, maf, mafr) are not allowed on this server")
}
