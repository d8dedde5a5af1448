import Foundation
import ImagePipeline

/// `MEDIAPROXY_*` variables: the fallback for every flag the executables do not get.
package enum Environment {
    package static func value(_ name: String) -> String? {
        ProcessInfo.processInfo.environment["MEDIAPROXY_" + name].flatMap { $0.isEmpty ? nil : $0 }
    }

    package static func int(_ name: String) -> Int? { value(name).flatMap(Int.init) }
    package static func double(_ name: String) -> Double? { value(name).flatMap(Double.init) }

    package static func bool(_ name: String) -> Bool {
        guard let text = value(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(text)
    }

    /// The pipeline defaults with what the environment changes for every command: `MEDIAPROXY_VIPS_ORC=0` turns
    /// libvips' Orc vector code off.
    package static var pipeline: PipelineConfiguration {
        var configuration = PipelineConfiguration()
        if let orc = value("VIPS_ORC")?.lowercased() { configuration.vipsVectorCode = !["0", "false", "no", "off"].contains(orc) }
        return configuration
    }

    /// A comma-separated list.
    package static func list(_ name: String) -> [String] {
        value(name)?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
    }
}
