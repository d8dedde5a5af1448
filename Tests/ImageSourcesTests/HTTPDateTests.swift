import Foundation
import ImageSources
import Testing

/// IMF-fixdate, written by hand and read back.
struct HTTPDateTests {
    @Test(arguments: [(784_111_777.0, "Sun, 06 Nov 1994 08:49:37 GMT"), (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
                      (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"), (1_796_169_599.9, "Tue, 01 Dec 2026 23:59:59 GMT")])
    func formatsAndParsesKnownDates(seconds: Double, text: String) {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: seconds)) == text)
        #expect(HTTPDate.parse(text)?.timeIntervalSince1970 == seconds.rounded(.down))
    }
}
