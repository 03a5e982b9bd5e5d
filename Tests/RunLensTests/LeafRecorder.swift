import RunLens

/// A visitor for tests: writes each leaf as text (`key=1.5`, `key[0]=97.0`, `key='text'`,
/// `key=true`, `key=null`) and keeps the raw bytes of keys and string values.
struct LeafRecorder: JSONDocumentVisitor {
    /// One entry framed by `beginEntry`/`endEntry`.
    struct Entry: Equatable {
        var kind: JSONDocumentEntry
        var line: Int
        var leaves: [String]
    }

    var leaves: [String] = []
    var keyBytes: [[UInt8]] = []
    var stringBytes: [[UInt8]] = []
    var numbers: [Double] = []
    var entries: [Entry] = []
    var openEntries = 0

    /// The first number `JSONScanner` reads from `line`, or nil when the line is not a record.
    static func number(in line: String) -> Double? {
        var scanner = JSONScanner()
        var recorder = LeafRecorder()
        var bytes = Array(line.utf8)
        let result = bytes.withUnsafeMutableBytes {
            scanner.scanRecord(UnsafeRawBufferPointer($0), visitor: &recorder)
        }
        return result == .record ? recorder.numbers.first : nil
    }

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        let position = index.map { "[\($0)]" } ?? ""
        record(key, "\(position)=\(value)")
        numbers.append(value)
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        record(key, "='\(String(decoding: value, as: UTF8.self))'")
        stringBytes.append(Array(value))
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        record(key, "=\(value)")
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        record(key, "=null")
    }

    mutating func beginEntry(_ entry: JSONDocumentEntry, line: Int) {
        openEntries += 1
        entries.append(Entry(kind: entry, line: line, leaves: []))
    }

    mutating func endEntry() {
        openEntries -= 1
    }

    private mutating func record(_ key: UnsafeRawBufferPointer, _ rest: String) {
        let leaf = String(decoding: key, as: UTF8.self) + rest
        leaves.append(leaf)
        keyBytes.append(Array(key))
        if !entries.isEmpty {
            entries[entries.count - 1].leaves.append(leaf)
        }
    }
}
