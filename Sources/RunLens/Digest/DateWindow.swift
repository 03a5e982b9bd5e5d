/// The period `--since` and `--until` pick runs from: a run is in when any part of its own
/// time span (first to last wall-clock time) lies in the period. A date without a time
/// (`2024-05-19`) means the whole day, so `--until 2024-05-19` keeps runs that started on
/// the 19th.
public struct DateWindow: Sendable, Equatable {
    /// The start (epoch seconds), inclusive; `nil` for no start.
    public var since: Double?
    /// The end (epoch seconds), exclusive; `nil` for no end.
    public var until: Double?

    /// Creates a period.
    public init(since: Double?, until: Double?) {
        self.since = since
        self.until = until
    }

    /// Reads `--since` text: the moment it names (midnight UTC for a date).
    public static func start(_ text: String) -> Double? {
        parse(text).map(\.seconds)
    }

    /// Reads `--until` text: the moment it names, or the end of the day for a date.
    public static func end(_ text: String) -> Double? {
        parse(text).map { $0.dateOnly ? $0.seconds + 86_400 : $0.seconds }
    }

    /// True when a run spanning `first`…`last` lies partly in the period; runs without
    /// wall-clock times are never in a bounded period.
    public func contains(first: Double?, last: Double?) -> Bool {
        guard since != nil || until != nil else { return true }
        guard let first, let last else { return false }

        if let since, last < since { return false }
        if let until, first >= until { return false }
        return true
    }

    private static func parse(_ text: String) -> (seconds: Double, dateOnly: Bool)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-") else { return nil }

        let seconds = bytes.withUnsafeBytes { TimestampParser.parse($0) }
        guard let seconds, Self.validDate(bytes) else { return nil }
        return (seconds, bytes.count == 10)
    }

    /// Month 1–12 and day 1–31 (the parser itself does not check ranges).
    private static func validDate(_ bytes: [UInt8]) -> Bool {
        func number(_ range: Range<Int>) -> Int? {
            Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let month = number(5..<7), let day = number(8..<10) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
