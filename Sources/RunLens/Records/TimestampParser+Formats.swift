extension TimestampParser {
    /// `20240514T090000Z`, `20240514T0900+0200`: ISO 8601's basic form.
    static func basic(_ text: UnsafeRawBufferPointer) -> Double? {
        var cursor = Cursor(bytes: text)
        cursor.skipSpaces()
        guard let year = cursor.digits(4), let month = cursor.digits(2),
            let day = cursor.digits(2), validDate(month, day), cursor.skip(oneOf: "T"),
            let hour = cursor.digits(2), let minute = cursor.digits(2)
        else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        if let second = cursor.digits(2) {
            seconds += Double(second)
            if cursor.skip(oneOf: ".,") { seconds += cursor.fraction() }
        }
        guard let offset = cursor.zoneOffset() else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400 + seconds
            - offset
    }

    /// `14/May/2024:09:00:00 +0000`: the common log format of web servers.
    static func commonLog(_ text: UnsafeRawBufferPointer) -> Double? {
        var cursor = Cursor(bytes: text)
        cursor.skipSpaces()
        guard let day = cursor.digits(2), cursor.skip(oneOf: "/"), let month = cursor.month(),
            cursor.skip(oneOf: "/"), let year = cursor.digits(4), validDate(month, day),
            cursor.skip(oneOf: ":"), let time = clock(&cursor), let offset = cursor.zoneOffset()
        else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400 + time - offset
    }

    /// `Tue, 14 May 2024 09:00:00 +0000`, `14 May 2024 09:00 GMT`: RFC 2822's dates.
    static func rfc2822(_ text: UnsafeRawBufferPointer) -> Double? {
        var cursor = Cursor(bytes: text)
        cursor.skipSpaces()
        if cursor.weekday() {
            guard cursor.skip(oneOf: ",") else { return nil }
            cursor.skipSpaces()
        }
        guard let day = cursor.digits(2) ?? cursor.digits(1), cursor.skip(oneOf: " "),
            let month = cursor.month(), cursor.skip(oneOf: " "), let year = cursor.digits(4),
            validDate(month, day), cursor.skip(oneOf: " "), let time = clock(&cursor)
        else { return nil }
        cursor.skipSpaces()
        _ = cursor.skip(word: "GMT") || cursor.skip(word: "UTC") || cursor.skip(word: "UT")
        guard let offset = cursor.zoneOffset() else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400 + time - offset
    }

    private static func validDate(_ month: Int, _ day: Int) -> Bool {
        (1...12).contains(month) && (1...31).contains(day)
    }
}

extension TimestampParser.Cursor {
    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// The month (1–12) whose English abbreviation is at the cursor, in any case.
    mutating func month() -> Int? {
        guard let index = Self.months.firstIndex(where: { lookingAt($0) }) else { return nil }
        position += 3
        return index + 1
    }

    /// Skips an English weekday's abbreviation, if one is at the cursor.
    mutating func weekday() -> Bool {
        guard Self.weekdays.contains(where: { lookingAt($0) }) else { return false }
        position += 3
        return true
    }

    /// Skips `word` (upper case), if it is at the cursor.
    mutating func skip(word: String) -> Bool {
        guard lookingAt(word.lowercased()) else { return false }
        position += word.utf8.count
        return true
    }

    /// Whether the bytes at the cursor spell `word` (lower case) in any case.
    private func lookingAt(_ word: String) -> Bool {
        let letters = Array(word.utf8)
        guard position + letters.count <= bytes.count else { return false }
        return letters.indices.allSatisfy { bytes[position + $0] | 0x20 == letters[$0] }
    }
}
