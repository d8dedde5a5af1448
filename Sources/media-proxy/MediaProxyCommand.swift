import ArgumentParser

/// The `media-proxy` executable: a thin shell over the libraries.
@main
struct MediaProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media-proxy",
        abstract: "On-demand image and media proxy.",
        subcommands: [ConvertCommand.self, InfoCommand.self]
    )
}
