/// The text `"key": ` with which a member of a JSON Lines record is expected to begin (the
/// key the previous record had at the same position), compared with a line a word at a time.
///
/// Only a key of at most ``maxKeyLength`` bytes without `"`, `\` or control bytes has one, so
/// text that matches is exactly what `JSONCollector.plainKey` reads as that key: `collectEarly`
/// takes the key without searching for its closing quote, and the visitor without comparing
/// it again.
struct ExpectedKey {
    /// The longest key that has one: its text then fills four words.
    static let maxKeyLength = 28

    /// The length of the text: the key's and four bytes more.
    let count: Int
    /// The text's bytes 0-7, 8-15 and 16-23 (zero past its end; a word is compared only
    /// when the text fills it) and its last eight; a text shorter than eight bytes has its
    /// first and last four side by side in `first`.
    private let first: UInt64
    private let second: UInt64
    private let third: UInt64
    private let last: UInt64

    /// The text for `key`, or `nil` when the key is too long or holds a byte that a JSON
    /// string writes escaped.
    init?(key: UnsafeRawBufferPointer) {
        guard key.count <= Self.maxKeyLength, !key.contains(where: { Self.isEscaped($0) })
        else { return nil }

        var text = [UInt8](repeating: 0, count: 32)
        text[0] = UInt8(ascii: "\"")
        text.replaceSubrange(1..<1 + key.count, with: key)
        text.replaceSubrange(
            1 + key.count..<4 + key.count, with: [UInt8(ascii: "\""), UInt8(ascii: ":"), 0x20])

        let count = key.count + 4
        let words = text.withUnsafeBytes { raw -> (UInt64, UInt64, UInt64, UInt64) in
            if count < 8 {
                let low = UInt64(raw.loadUnaligned(as: UInt32.self))
                let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
                return (low | high << 32, 0, 0, 0)
            }
            return (
                Self.word(raw, at: 0), Self.word(raw, at: 8), Self.word(raw, at: 16),
                Self.word(raw, at: count - 8)
            )
        }
        self.count = count
        (first, second, third, last) = words
    }

    /// Whether the text at `start` in `p`, which ends at `end`, begins with this text.
    @inline(__always)
    func matches(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start + count <= end else { return false }
        let base = UnsafeRawPointer(p + start)
        if count < 8 {
            let low = UInt64(base.loadUnaligned(as: UInt32.self))
            let high = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return low | high << 32 == first
        }
        guard base.loadUnaligned(as: UInt64.self) == first,
            base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == last
        else { return false }
        if count <= 16 {
            return true
        }
        guard base.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == second else {
            return false
        }
        return count <= 24 || base.loadUnaligned(fromByteOffset: 16, as: UInt64.self) == third
    }

    /// The eight bytes at `offset` of the text, padded with zeros to 32 bytes.
    private static func word(_ text: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    }

    /// `"`, `\` and control bytes: a JSON string holds them only escaped.
    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }
}
