import ArgumentParser
import Glibc

/// `media-proxy serve`: runs `media-proxy-server`, the executable beside this one, in this process's place (same
/// process, so signals and exit status are the server's). The server links the HTTP stack that `convert`, `info`
/// and `sign` never need; keeping it out of this executable makes every other command start several times faster.
struct ServeLauncher: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (see `media-proxy serve --help`)."
    )

    @Argument(parsing: .captureForPassthrough, help: "The server's flags.")
    var arguments: [String] = []

    func run() throws {
        Self.exec(arguments)
    }

    /// Replaces this process with the server, handing it `arguments`; returns only by exiting on failure.
    static func exec(_ arguments: [String]) -> Never {
        let path = serverPath()
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, &argv)
        let reason = String(cString: strerror(errno))
        let message = "media-proxy: serve: cannot run \(path): \(reason) (built by `swift build --product media-proxy-server`)\n"
        _ = message.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        Glibc.exit(1)
    }

    /// `media-proxy-server` in the folder this executable was started from.
    static func serverPath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                                   : CommandLine.arguments[0]
        let folder = executable.lastIndex(of: "/").map { String(executable[..<$0]) } ?? "."
        return folder + "/media-proxy-server"
    }
}
