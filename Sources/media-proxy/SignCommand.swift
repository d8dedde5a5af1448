import ArgumentParser
import CommandSupport
import ImageOptions

/// `media-proxy sign <path>`: prints the signed path for the first key/salt pair.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Print a signed path: /{signature}/{options}/{source}.")

    @Argument(help: "The path after the signature, e.g. /rs:fit:300:300/plain/https://example.com/a.jpg")
    var path: String
    @Option(help: "Hex key (MEDIAPROXY_KEY).") var key: String?
    @Option(help: "Hex salt (MEDIAPROXY_SALT).") var salt: String?
    @Option(help: "Signature bytes kept, 1-32 (MEDIAPROXY_SIGNATURE_SIZE).") var signatureSize: Int?

    func run() throws {
        do {
            let keys = key.map { [$0] } ?? Environment.list("KEY")
            let salts = salt.map { [$0] } ?? Environment.list("SALT")
            let signer = try makeSigner(keys: keys, salts: salts, size: signatureSize ?? Environment.int("SIGNATURE_SIZE") ?? 32)
            let normalized = path.hasPrefix("/") ? path : "/" + path
            _ = try ImagePath(parsing: "/sig" + normalized)
            guard let signature = signer.sign(normalized) else { throw ValidationError("a key and salt are required") }
            print("/" + signature + normalized)
        } catch {
            throw CommandFailure.exit(error, context: "sign")
        }
    }
}
