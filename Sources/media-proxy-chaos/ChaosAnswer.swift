/// What the proxy answered one request, or how the exchange failed.
struct ChaosAnswer: Sendable {
    /// The status, or nil when the connection dropped or timed out.
    let status: Int?
    let body: [UInt8]
    /// How long the request took, in seconds.
    let seconds: Double
    /// Why there is no status.
    let failure: String?
}
