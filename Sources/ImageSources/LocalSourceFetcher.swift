import Foundation
import MediaFormats

/// Reads `local:///path` sources under one root folder, never outside it (`..`, symlinks, encoded slashes).
struct LocalSourceFetcher: Sendable {
    /// The root, with symlinks resolved.
    let root: String
    let maxBytes: Int

    init(root: String, maxBytes: Int) throws {
        guard let resolved = realpath(root, nil) else { throw SourceError(.invalidURL, "local root does not exist") }
        defer { free(resolved) }
        self.root = String(cString: resolved)
        self.maxBytes = maxBytes
    }

    /// `path` is the URL path after `local://` (already percent-decoded), starting with `/`.
    func fetch(path: String) throws -> FetchedSource {
        guard !path.contains("\0"), !path.split(separator: "/").contains("..") else {
            throw SourceError(.forbidden, "path escapes the local root")
        }
        let joined = root + (path.hasPrefix("/") ? path : "/" + path)
        guard let resolvedPointer = realpath(joined, nil) else { throw SourceError(.notFound, "no such local file") }
        let resolved = String(cString: resolvedPointer)
        free(resolvedPointer)
        guard resolved.hasPrefix(root + "/") else { throw SourceError(.forbidden, "path escapes the local root") }
        let descriptor = open(resolved, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SourceError(.notFound, "cannot open local file") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw SourceError(.notFound, "not a regular file")
        }
        guard Int(status.st_size) <= maxBytes else { throw SourceError(.tooLarge, "local file over the size limit") }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            guard count > 0 else { break }
            filled += count
        }
        guard filled == bytes.count else { throw SourceError(.originFailure, "short read") }
        let modified = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec))
        return FetchedSource(bytes: bytes, format: ImageFormat.sniff(bytes), etag: "\"\(status.st_ino)-\(status.st_size)-\(status.st_mtim.tv_sec)\"",
                             lastModified: HTTPDate.format(modified))
    }
}
