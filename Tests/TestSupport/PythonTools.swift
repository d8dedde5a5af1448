import Foundation
import Synchronization

/// Python packages from PyPI for tests that check against a peer's own code (libthumbor, say): a venv in
/// `.build/test-venv`, made and filled on first use, so `swift test` needs no set-up of its own and nothing goes
/// into the system's Python.
public enum PythonTools {
    private static let setUp = Mutex(())

    /// The venv's python, with `packages` installed.
    public static func python(with packages: [String]) throws -> URL {
        let venv = TestPaths.repository.appendingPathComponent(".build/test-venv")
        let python = venv.appendingPathComponent("bin/python")
        return try setUp.withLock { _ in
            if !FileManager.default.isExecutableFile(atPath: python.path) {
                try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", venv.path])
            }
            let imports = packages.map { $0.replacingOccurrences(of: "-", with: "_") }.joined(separator: ", ")
            if (try? run(python, ["-c", "import \(imports)"])) == nil {
                try run(python, ["-m", "pip", "install", "--quiet"] + packages)
            }
            return python
        }
    }

    /// Runs `script` with `arguments` in the venv (with `packages`) and returns what it printed.
    public static func run(_ script: String, arguments: [String] = [], packages: [String]) throws -> String {
        try run(try python(with: packages), ["-c", script] + arguments)
    }

    /// Runs a program and returns its standard output; throws with its standard error when it fails.
    @discardableResult
    static func run(_ program: URL, _ arguments: [String]) throws -> String {
        let run = try ProcessRun(program, arguments)
        guard run.status == 0 else { throw PythonToolsError(detail: run.stderr) }
        return run.stdout
    }
}

/// A Python tool failed; `detail` is what it printed on standard error.
public struct PythonToolsError: Error, CustomStringConvertible {
    public let detail: String
    public var description: String { detail }
}
