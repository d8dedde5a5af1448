import ImageOptions
import ImagePipeline
import MediaFormats
import ProxyServer
import Testing
import TestSupport

/// Presets-only mode on the live server: presets answer, free-form options and thumbor's paths do not.
@Suite(.serialized) struct PresetsOnlyServerTests {
    @Test func freeFormRequestsAreRefused() async throws {
        let server = try await LiveServer.start {
            $0.presets = try! PresetTable(["thumb": "rs:fill:120:80"])
            $0.presets.onlyPresets = true
            $0.thumborAllowsUnsafe = true
        }
        defer { Task { await server.stop() } }
        let preset = try await server.get("/unsafe/pr:thumb/plain/local:///landscape.jpg@jpg")
        #expect(preset.status == 200)
        let info = try ImageProber.probe(preset.body)
        #expect(info.width == 120 && info.height == 80)
        for path in ["/unsafe/rs:fit:50:50/plain/local:///landscape.jpg", "/thumbor/unsafe/50x50/landscape.jpg"] {
            let refused = try await server.get(path)
            #expect(refused.status == 400 && String(decoding: refused.body, as: UTF8.self).contains("presets_only"), "\(path)")
        }
    }
}
