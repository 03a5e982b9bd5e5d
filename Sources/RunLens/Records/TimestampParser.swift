/// Reads wall-clock times: epoch numbers in any unit, and ISO 8601-like text.
public enum TimestampParser {
    /// Epoch seconds for a numeric timestamp, its unit told apart by magnitude.
    ///
    /// Nanoseconds from 1e17, microseconds from 1e14, milliseconds from 1e11, seconds from
    /// 1e8 (1973). Smaller values are offsets from an unknown origin, returned as `nil` so
    /// the caller can treat them as relative.
    @inline(__always)
    public static func epochSeconds(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        if value >= 1e17 { return value / 1e9 }
        if value >= 1e14 { return value / 1e6 }
        if value >= 1e11 { return value / 1e3 }
        if value >= 1e8 { return value }
        return nil
    }

    /// Epoch seconds for text such as `2024-05-14T09:00:00.701Z`,
    /// `2023-11-16 18:17:03.9799600` (no zone: UTC) or `2024/05/14 09:00:00.123`; also the
    /// basic ISO 8601 form (`20240514T090000Z`), web servers' common log format
    /// (`14/May/2024:09:00:00 +0000`) and RFC 2822 (`Tue, 14 May 2024 09:00:00 GMT`).
    public static func parse(_ text: UnsafeRawBufferPointer) -> Double? {
        extended(text) ?? basic(text) ?? commonLog(text) ?? rfc2822(text)
    }

    /// `2024-05-14T09:00:00.701Z` and the like.
    private static func extended(_ text: UnsafeRawBufferPointer) -> Double? {
        var cursor = Cursor(bytes: text)
        cursor.skipSpaces()
        guard let year = cursor.digits(4), cursor.skip(oneOf: "-/"),
            let month = cursor.digits(2), cursor.skip(oneOf: "-/"),
            let day = cursor.digits(2)
        else { return nil }

        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard cursor.skip(oneOf: "T "), let hour = cursor.digits(2), cursor.skip(oneOf: ":"),
            let minute = cursor.digits(2)
        else { return cursor.atEnd ? seconds : nil }
        seconds += Double(hour * 3600 + minute * 60)

        if cursor.skip(oneOf: ":"), let second = cursor.digits(2) {
            seconds += Double(second)
            if cursor.skip(oneOf: ".,") { seconds += cursor.fraction() }
        }
        guard let offset = cursor.zoneOffset() else { return nil }
        return seconds - offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's civil algorithm).
    /// Seconds from midnight for `hh:mm[:ss[.fff]]` at the cursor, if it is there.
    static func clock(_ cursor: inout Cursor) -> Double? {
        guard let hour = cursor.digits(2), cursor.skip(oneOf: ":"), let minute = cursor.digits(2)
        else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        if cursor.skip(oneOf: ":"), let second = cursor.digits(2) {
            seconds += Double(second)
            if cursor.skip(oneOf: ".,") { seconds += cursor.fraction() }
        }
        return seconds
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        var atEnd: Bool { position >= bytes.count }

        mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == 32 { position += 1 }
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[position + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            position += count
            return value
        }

        mutating func skip(oneOf characters: String) -> Bool {
            guard position < bytes.count, characters.utf8.contains(bytes[position]) else {
                return false
            }
            position += 1
            return true
        }

        mutating func fraction() -> Double {
            var value = 0.0
            var scale = 0.1
            while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
                value += Double(bytes[position] - 48) * scale
                scale /= 10
                position += 1
            }
            return value
        }

        /// Seconds east of UTC; `0` for `Z` or no zone; `nil` for trailing junk.
        mutating func zoneOffset() -> Double? {
            skipSpaces()
            if atEnd { return 0 }
            if skip(oneOf: "Zz") { return atEnd ? 0 : nil }
            guard position < bytes.count else { return 0 }
            let sign: Double = bytes[position] == UInt8(ascii: "-") ? -1 : 1
            guard skip(oneOf: "+-"), let hours = digits(2) else { return nil }
            _ = skip(oneOf: ":")
            let minutes = digits(2) ?? 0
            return atEnd ? sign * Double(hours * 3600 + minutes * 60) : nil
        }
    }
}
