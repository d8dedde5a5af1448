import ImageOptions
import MediaFormats
import Testing

/// Presets-only mode, and presets read from a file.
struct PresetsOnlyTests {
    static func table() throws -> PresetTable {
        var table = try PresetTable(["default": "q:70", "thumb": "rs:fill:120:80/g:sm", "webp": "f:webp"])
        table.onlyPresets = true
        return table
    }

    @Test func onlyPresetsAreAccepted() throws {
        let table = try Self.table()
        let options = try ProcessingOptions(parsing: "pr:thumb:webp", presets: table)
        #expect(options.width == 120 && options.height == 80 && options.gravity == .smart)
        #expect(options.format == .webp && options.quality == 70 && options.presets == ["thumb", "webp"])
        #expect(try ImagePath(parsing: "/unsafe/pr:thumb/plain/local:///a.jpg@png", presets: table).options.format == .png)
        for freeForm in ["w:100", "pr:thumb/q:90", "rs:fit:10:10"] {
            do {
                _ = try ProcessingOptions(parsing: freeForm, presets: table)
                Issue.record("\(freeForm) was accepted")
            } catch let error as OptionsError {
                #expect(error.label == "presets_only", "\(freeForm)")
            }
        }
        var open = table
        open.onlyPresets = false
        #expect(try ProcessingOptions(parsing: "pr:thumb/q:90", presets: open).quality == 90)
    }

    @Test func presetsComeFromAFile() throws {
        let text = """
        # sizes for the shop
        thumb = rs:fill:120:80/g:sm

        large=rs:fit:1200:1200
        """
        let definitions = try PresetTable.definitions(fromFile: text)
        #expect(definitions == ["thumb": "rs:fill:120:80/g:sm", "large": "rs:fit:1200:1200"])
        #expect(throws: OptionsError.self) { try PresetTable.definitions(fromFile: "thumb rs:fit:1:1") }
        #expect(throws: OptionsError.self) { try PresetTable.definitions(fromFile: "=rs:fit:1:1") }
    }
}
