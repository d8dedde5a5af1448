import Foundation

/// RFC 9110 IMF-fixdate formatting and parsing.
public enum HTTPDate {
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func format(_ date: Date) -> String { formatter().string(from: date) }

    /// Parses IMF-fixdate; nil for anything else.
    public static func parse(_ text: String) -> Date? { formatter().date(from: text) }
}
