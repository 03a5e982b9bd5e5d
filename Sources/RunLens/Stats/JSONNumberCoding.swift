/// Coding of numbers that may be NaN or infinite, for formats such as JSON that have no such
/// numbers: a finite value is written as a number, the others as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` (the tokens Python's JSON writer uses). Decoding accepts
/// both forms.
extension KeyedEncodingContainer {
    mutating func encodeNumber(_ value: Double, forKey key: Key) throws {
        if value.isFinite {
            try encode(value, forKey: key)
        } else {
            try encode(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity", forKey: key)
        }
    }

    mutating func encodeNumberIfPresent(_ value: Double?, forKey key: Key) throws {
        guard let value else { return }
        try encodeNumber(value, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeNumber(forKey key: Key) throws -> Double {
        if let value = try? decode(Double.self, forKey: key) { return value }

        switch try decode(String.self, forKey: key) {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        case let text:
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "'\(text)' is not a number")
        }
    }

    func decodeNumberIfPresent(forKey key: Key) throws -> Double? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeNumber(forKey: key)
    }

    /// Decodes a count, rejecting negative values and values above 2^53.
    func decodeCount(forKey key: Key) throws -> Int {
        let value = try decode(Int.self, forKey: key)
        guard (0...(1 << 53)).contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "count \(value) out of range")
        }
        return value
    }
}
