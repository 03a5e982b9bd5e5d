/// Reads one JSON Lines record at a time and hands its leaves to a `FieldVisitor`.
///
/// Reuse one scanner for every line: it keeps its buffers, so once warmed up it allocates
/// nothing per line. Scanning has two phases. The first validates the whole line and
/// records its leaves in those buffers; the visitor is called only when the line is a valid
/// JSON object, so a malformed line never delivers part of a record.
///
/// What is accepted: RFC 8259 JSON, plus the bare tokens `NaN`, `Infinity` and `-Infinity`
/// that Python writes. Strings take every escape, surrogate pairs are joined, a lone
/// surrogate becomes U+FFFD, and bytes that are not valid UTF-8 pass through unchanged (the
/// record layer decides what to do with them). Raw control bytes inside strings are errors,
/// as RFC 8259 says.
///
/// What the visitor sees, in document order:
/// - nested objects flattened to `parent/child` keys; empty objects give nothing;
/// - numbers (including `NaN` and `±Infinity`), strings, `true`/`false` and `null`;
/// - an array of 1 to 64 numbers as one `visitNumber` call per element, with index
///   0, 1, 2, ... Every other array (longer than 64, or holding strings, literals, arrays
///   or objects) is validated but skipped entirely: none of its elements is visited;
/// - duplicate keys once per occurrence, in order (the record layer keeps the last).
///
/// Nesting deeper than 512 objects and arrays is an error; the scanner is iterative and
/// cannot overflow the stack. Copies of a scanner share nothing once used (copy-on-write).
public struct JSONScanner: @unchecked Sendable {
    private var storage = JSONScannerStorage()

    /// Creates a scanner with small buffers that grow to fit the longest line seen.
    public init() {}

    /// Scans one line and, when it holds exactly one JSON object, visits its leaves.
    ///
    /// - Parameters:
    ///   - line: the line's bytes; a trailing `\n` or `\r\n` is allowed.
    ///   - visitor: receives the record's leaves, only when the result is `.record`.
    /// - Returns: `.record`, `.empty` for a blank line, or `.malformed` with the reason and
    ///   the 1-based byte column.
    public mutating func scanRecord<V: FieldVisitor>(
        _ line: UnsafeRawBufferPointer, visitor: inout V
    ) -> JSONScanResult {
        guard let text = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return .empty
        }
        let end = line.count
        let start = JSONCollector.skipWhitespace(text, 0, end)
        if start == end {
            return .empty
        }

        let outcome = collectObject(text, start, end)
        if outcome < 0 {
            let error = storage.collector.failure
            return .malformed(
                reason: error.reason(in: text, end: end, text: .line), column: error.offset + 1)
        }
        let rest = JSONCollector.skipWhitespace(text, outcome, end)
        if rest != end {
            return .malformed(reason: "data after the object", column: rest + 1)
        }

        storage.collector.replay(text, to: &visitor)
        return .record
    }

    /// Validates and records the object at `start`, which must be the first byte of a value.
    ///
    /// - Returns: the offset just past the object, or -1 with `lastFailure` set.
    mutating func collectObject(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        makeStorageUnique()
        storage.collector.reset()
        guard end <= Int(UInt32.max) else {
            return storage.collector.fail(.tooLong, 0)
        }
        guard text[start] == UInt8(ascii: "{") else {
            return storage.collector.fail(.notAnObject, start)
        }
        return storage.collector.collect(text, start, end, keep: true)
    }

    /// Validates the value at `start` without recording anything.
    ///
    /// - Returns: the offset just past the value, or -1 with `lastFailure` set.
    mutating func skipValue(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        makeStorageUnique()
        storage.collector.reset()
        return storage.collector.collect(text, start, end, keep: false)
    }

    /// Reads the string at `start` (its opening quote); `key` receives its bytes, valid until
    /// the next call.
    mutating func scanString(
        _ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        key: inout UnsafeRawBufferPointer
    ) -> Int {
        makeStorageUnique()
        storage.collector.reset()
        var range = JSONCollector.ByteRange()
        let stop = storage.collector.scanString(text, start, end, into: &range)
        let base = range.inArena ? UnsafePointer(storage.collector.arena) : text
        key = UnsafeRawBufferPointer(start: base + range.start, count: range.length)
        return stop
    }

    /// Visits the leaves recorded by the last successful `collectObject`.
    mutating func replay<V: FieldVisitor>(_ text: UnsafePointer<UInt8>, to visitor: inout V) {
        storage.collector.replay(text, to: &visitor)
    }

    /// The failure of the last call that returned -1.
    var lastFailure: JSONSyntaxError {
        storage.collector.failure
    }

    private mutating func makeStorageUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = JSONScannerStorage()
        }
    }
}

/// The buffers of a `JSONScanner`, freed with it.
private final class JSONScannerStorage {
    var collector = JSONCollector()

    deinit {
        collector.deallocate()
    }
}
