import ArgumentParser

/// The `media-proxy` executable: a thin shell over the libraries. `serve` hands over to `media-proxy-server`
/// before any argument parsing, so the server's own flags and help are its own.
@main
struct MediaProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media-proxy",
        abstract: "On-demand image and media proxy.",
        subcommands: [ServeLauncher.self, ConvertCommand.self, InfoCommand.self, SignCommand.self]
    )

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "serve" { ServeLauncher.exec(Array(arguments.dropFirst())) }
        main(arguments)
    }
}
