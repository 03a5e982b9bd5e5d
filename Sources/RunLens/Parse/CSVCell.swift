#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one trimmed CSV cell holds, decided from its bytes alone.
enum CSVCell: Equatable {
    /// Empty, or a placeholder for "no value" (`N/A`, `[N/A]`, `[Not Supported]`).
    case null
    /// A number, `nan` and `inf` included.
    case number(Double)
    /// A number followed by a unit (`17092 MiB`, `45 %`); the unit's byte range in the cell.
    case measurement(Double, unit: Range<Int>)
    /// `true` or `false` in any letter case (Python writes `True`).
    case bool(Bool)
    /// Anything else.
    case text

    /// Classifies a cell whose surrounding spaces are already trimmed, reading numbers written
    /// with `mark` (``DecimalMark``).
    static func classify(_ cell: UnsafeRawBufferPointer, mark: DecimalMark = .dot) -> CSVCell {
        if cell.isEmpty || isPlaceholder(cell) {
            return .null
        }

        if let value = number(cell, mark: mark) {
            return .number(value)
        }

        if let flag = bool(cell) {
            return .bool(flag)
        }

        if let (value, unit) = measurement(cell, mark: mark) {
            return .measurement(value, unit: unit)
        }
        return .text
    }

    /// Whether the cell holds a number, with a unit or without.
    var isNumeric: Bool {
        switch self {
        case .number, .measurement: return true
        case .null, .bool, .text: return false
        }
    }

    /// Reads a number leniently: surrounding spaces, a sign, `nan`, `inf`, `infinity` in any
    /// letter case, and decimal or exponent forms; `nil` when the bytes are anything else.
    ///
    /// Exact: short inputs take the exact fast path, the rest go to `strtod`.
    // TODO(#2): a private copy whose slow path (strtod) is slow on 16-17 digit values and
    // follows the C locale; use NumberParser.parseLenient once merged.
    static func number(_ text: UnsafeRawBufferPointer) -> Double? {
        let bytes = trimmed(text)
        guard !bytes.isEmpty else {
            return nil
        }

        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") {
            index = 1
        }

        if let special = specialValue(UnsafeRawBufferPointer(rebasing: bytes[index...])) {
            return negative ? -special : special
        }

        guard let shape = DecimalShape(bytes, from: index) else {
            return nil
        }

        if let exact = shape.exactValue {
            return negative ? -exact : exact
        }
        return slowConversion(bytes)
    }

    /// The bytes without leading and trailing spaces, tabs and carriage returns.
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, isBlank(bytes[start]) {
            start += 1
        }

        while end > start, isBlank(bytes[end - 1]) {
            end -= 1
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    private static let placeholders: [[UInt8]] = [
        Array("n/a".utf8), Array("[n/a]".utf8), Array("[not supported]".utf8),
    ]

    private static func isPlaceholder(_ cell: UnsafeRawBufferPointer) -> Bool {
        guard cell.count <= 15 else {
            return false
        }
        return placeholders.contains { equalsIgnoringCase(cell, $0) }
    }

    private static func bool(_ cell: UnsafeRawBufferPointer) -> Bool? {
        if equalsIgnoringCase(cell, trueWord) {
            return true
        }
        return equalsIgnoringCase(cell, falseWord) ? false : nil
    }

    private static let trueWord = Array("true".utf8)
    private static let falseWord = Array("false".utf8)
    private static let nanWord = Array("nan".utf8)
    private static let infWord = Array("inf".utf8)
    private static let infinityWord = Array("infinity".utf8)

    private static func specialValue(_ word: UnsafeRawBufferPointer) -> Double? {
        guard word.count == 3 || word.count == 8 else {
            return nil
        }

        if equalsIgnoringCase(word, nanWord) {
            return .nan
        }

        if equalsIgnoringCase(word, infWord) || equalsIgnoringCase(word, infinityWord) {
            return .infinity
        }
        return nil
    }

    /// A number, optional spaces, then a unit of letters, `%` or `/` (at most 8 bytes).
    ///
    /// Without a space between them only `%` counts as a unit, so `1e5` stays a number.
    private static func measurement(_ cell: UnsafeRawBufferPointer, mark: DecimalMark)
        -> (Double, Range<Int>)?
    {
        var unitStart = cell.count
        while unitStart > 0, isUnitByte(cell[unitStart - 1]) {
            unitStart -= 1
        }

        let unit = unitStart..<cell.count
        guard !unit.isEmpty, unit.count <= 8, cell[unitStart] != UInt8(ascii: "/") else {
            return nil
        }

        let spaced = unitStart > 0 && cell[unitStart - 1] == 0x20
        guard spaced || (unit.count == 1 && cell[unitStart] == UInt8(ascii: "%")) else {
            return nil
        }

        let written = UnsafeRawBufferPointer(rebasing: cell[..<unitStart])
        guard let value = number(written, mark: mark) else {
            return nil
        }
        return (value, unit)
    }

    private static func isUnitByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
            || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "/")
    }

    /// Compares with a lowercase ASCII word, ignoring the letter case of `bytes`.
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: [UInt8]) -> Bool {
        guard bytes.count == word.count else {
            return false
        }

        for (byte, expected) in zip(bytes, word) {
            let folded =
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
            if folded != expected {
                return false
            }
        }
        return true
    }

    /// Converts with the C library, which rounds correctly; the grammar was checked already.
    private static func slowConversion(_ bytes: UnsafeRawBufferPointer) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for (offset, byte) in bytes.enumerated() {
                buffer[offset] = CChar(bitPattern: byte)
            }
            buffer[bytes.count] = 0

            guard let start = buffer.baseAddress else {
                return nil
            }
            return strtod(start, nil)
        }
    }
}
