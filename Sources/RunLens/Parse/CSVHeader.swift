/// The header row of a CSV file: column names, units, and keys encoded once as bytes.
struct CSVHeader {
    /// Column names as keys: trimmed, a trailing `[unit]` removed (`memory.used [MiB]` gives
    /// `memory.used`); an empty name becomes `column<N>` (1-based), and a name already taken
    /// by a column before gets `.1`, `.2`, … (as pandas names them; a number no column of the
    /// header is named), so that no column's values overwrite another's.
    private(set) var names: [String] = []
    /// The unit each header named in brackets, or `nil`.
    private(set) var units: [String?] = []
    /// All keys' UTF-8 bytes, back to back.
    private(set) var keyBytes: [UInt8] = []
    /// Where each column's key lies in `keyBytes`.
    private(set) var keyRanges: [Range<Int>] = []
    /// The header fields exactly as written (trimmed), to recognise the header repeated.
    private var rawFields: [[UInt8]] = []

    /// The number of columns.
    var count: Int { keyRanges.count }

    init() {}

    /// Reads the header from a record split into `spans`.
    init(record: UnsafeRawBufferPointer, spans: [CSVSpan]) {
        var decoded: [UInt8] = []
        var written: [(name: String, unit: String?)] = []
        for (column, span) in spans.enumerated() {
            decoded.removeAll(keepingCapacity: true)
            if span.needsDecoding {
                CSVFieldSplitter.decode(
                    UnsafeRawBufferPointer(rebasing: record[span.raw]), into: &decoded)
            } else {
                decoded.append(contentsOf: record[span.content])
            }

            let (name, unit) = Self.nameAndUnit(String(decoding: decoded, as: UTF8.self))
            written.append((name.isEmpty ? "column\(column + 1)" : name, unit))
            rawFields.append(Array(record[span.raw]))
        }
        var taken = Set(written.map(\.name))
        var seen: Set<String> = []
        for (name, unit) in written {
            add(
                name: seen.insert(name).inserted ? name : Self.renamed(name, taken: &taken),
                unit: unit)
        }
    }

    /// `name.1`, or the next number that no column of the header is named.
    private static func renamed(_ name: String, taken: inout Set<String>) -> String {
        var number = 1
        while taken.contains("\(name).\(number)") { number += 1 }
        let new = "\(name).\(number)"
        taken.insert(new)
        return new
    }

    /// Tells whether a record repeats the header word for word (two logs concatenated, or a
    /// writer that restarted and wrote its header again).
    func isRepeated(in record: UnsafeRawBufferPointer, spans: [CSVSpan]) -> Bool {
        guard spans.count == rawFields.count else {
            return false
        }

        for (span, field) in zip(spans, rawFields) {
            guard span.raw.count == field.count, record[span.raw].elementsEqual(field) else {
                return false
            }
        }
        return true
    }

    private mutating func add(name: String, unit: String?) {
        let start = keyBytes.count
        keyBytes.append(contentsOf: name.utf8)
        keyRanges.append(start..<keyBytes.count)
        names.append(name)
        units.append(unit)
    }

    /// Splits `memory.used [MiB]` into `memory.used` and `MiB`; other names pass unchanged.
    static func nameAndUnit(_ field: String) -> (String, String?) {
        let name = trimmingSpaces(field)
        guard name.hasSuffix("]"), let open = name.lastIndex(of: "[") else {
            return (name, nil)
        }

        let base = trimmingSpaces(String(name[..<open]))
        let unit = trimmingSpaces(
            String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
        guard !base.isEmpty, !unit.isEmpty else {
            return (name, nil)
        }
        return (base, unit)
    }

    private static func trimmingSpaces(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
            let last = text.lastIndex(where: { !isSpace($0) })
        else {
            return ""
        }
        return String(text[first...last])
    }
}
