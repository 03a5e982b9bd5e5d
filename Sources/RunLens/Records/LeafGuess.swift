/// The field id a leaf had at one position of the previous record, with enough of its key
/// to tell whether the leaf at that position now has the same key.
///
/// A key of 4 to 16 bytes is told exactly by its length and two words that together cover
/// every byte (overlapping when shorter than their sum), so the guess is checked without
/// reaching into the ``FieldTable``; other keys are compared with the table's copy.
struct LeafGuess {
    /// The guessed id, or -1 when the key had none (the table was full).
    var id: Int32
    /// The key's length.
    var count: Int
    /// The key's words, when `count` is 4 to 16 (else 0).
    var words: (UInt64, UInt64)

    /// The guess that the leaf with `key` has `id`.
    init(id: Int32, key: UnsafeRawBufferPointer) {
        self.id = id
        count = key.count
        words = Self.words(key) ?? (0, 0)
    }

    /// Whether `key` is the key of the guessed leaf, given that of `id` in `fields`.
    @inline(__always)
    func matches(_ key: UnsafeRawBufferPointer, in fields: FieldTable) -> Bool {
        guard id >= 0, key.count == count else { return false }
        guard let words = Self.words(key) else { return fields.matches(id, key) }
        return words == self.words
    }

    /// The first and last eight bytes of a key of 8 to 16 bytes; the first and last four
    /// of a key of 4 to 7 bytes, side by side; `nil` for a shorter or longer key.
    @inline(__always)
    static func words(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        guard key.count >= 4, key.count <= 16, let base = key.baseAddress else { return nil }
        let count = key.count
        if count >= 8 {
            return (
                base.loadUnaligned(as: UInt64.self),
                base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            )
        }
        let low = UInt64(base.loadUnaligned(as: UInt32.self))
        let high = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        return (low | high << 32, 0)
    }
}
