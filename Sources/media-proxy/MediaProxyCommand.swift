import ArgumentParser

/// The `media-proxy` executable: a thin shell over the libraries.
@main
struct MediaProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media-proxy",
        abstract: "On-demand image and media proxy.",
        subcommands: [ServeCommand.self, ConvertCommand.self, InfoCommand.self, SignCommand.self]
    )
}
