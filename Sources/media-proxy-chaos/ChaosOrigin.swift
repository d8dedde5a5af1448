import Foundation
import NIOCore
import NIOPosix

/// The origin: serves the files of a folder on 127.0.0.1 the way each request's path asks (`ChaosMode`), with
/// every byte of the answer written by hand, so that it can lie about lengths, stop half-way or reset.
final class ChaosOrigin: Sendable {
    let port: Int
    private let channel: any Channel

    /// Starts serving `files` (name to bytes) on a free port.
    init(files: [String: [UInt8]], stallSeconds: Int, group: any EventLoopGroup) async throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ChaosOriginHandler(files: files, stallSeconds: stallSeconds))
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// Stops listening.
    func close() async throws {
        try await channel.close()
    }
}
