/// A `FieldVisitor` that can take a record's leaves while its line is still being scanned,
/// and forget them when the line turns out malformed.
///
/// `JSONScanner` hands such a visitor its line's flat members as it reads them instead of
/// recording them for a second pass. Each `visitEarly` either takes the leaf, changing only
/// what `restartRecord()` undoes, or declines it and changes nothing (a leaf whose visit
/// would add a name to a shared table must wait until the line is known to be valid); the
/// scanner then visits that leaf and the rest of the line through the `FieldVisitor`
/// methods once the whole line was found valid.
protocol EarlyFieldVisitor: FieldVisitor {
    /// Takes a number leaf early, or returns `false` having changed nothing.
    mutating func visitEarly(key: UnsafeRawBufferPointer, number: Double) -> Bool

    /// Takes a string leaf early, or returns `false` having changed nothing.
    mutating func visitEarly(key: UnsafeRawBufferPointer, string: UnsafeRawBufferPointer)
        -> Bool

    /// Takes a `true` or `false` leaf early, or returns `false` having changed nothing.
    mutating func visitEarly(key: UnsafeRawBufferPointer, bool: Bool) -> Bool

    /// Takes a `null` leaf early, or returns `false` having changed nothing.
    mutating func visitEarlyNull(key: UnsafeRawBufferPointer) -> Bool

    /// Forgets every leaf taken since the record began: its line was malformed.
    mutating func restartRecord()

    /// The text that the member of the next leaf is expected to begin with, or `nil`.
    func expectedKey() -> ExpectedKey?

    /// Takes a number leaf whose member began with the text `expectedKey()` gave (so `key`
    /// is the key expected), or returns `false` having changed nothing.
    mutating func visitExpected(key: UnsafeRawBufferPointer, number: Double) -> Bool
}

extension EarlyFieldVisitor {
    /// Expects nothing: every key is compared.
    func expectedKey() -> ExpectedKey? {
        nil
    }

    /// Takes the leaf as `visitEarly(key:number:)` does.
    mutating func visitExpected(key: UnsafeRawBufferPointer, number: Double) -> Bool {
        visitEarly(key: key, number: number)
    }
}
