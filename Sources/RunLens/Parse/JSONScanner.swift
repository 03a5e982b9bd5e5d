/// Reads one JSON Lines record at a time and hands its leaves to a `FieldVisitor`.
///
/// Reuse one scanner for every line: it keeps its buffers, so once warmed up it allocates
/// nothing per line. Scanning has two phases. The first validates the whole line and
/// records its leaves in those buffers; the visitor is called only when the line is a valid
/// JSON object, so a malformed line never delivers part of a record. A visitor that can
/// restart its record (`EarlyFieldVisitor`, such as `RecordBuilder`) gets the leaves of the
/// line's flat members during the first phase instead, and is restarted when the line turns
/// out malformed.
///
/// What is accepted: RFC 8259 JSON, plus the bare tokens `NaN`, `Infinity` and `-Infinity`
/// that Python writes, and `nan`, `inf` and `infinity` in any case with an optional sign, as
/// C's `printf` and f-strings write them. Strings take every escape, surrogate pairs are
/// joined, a lone surrogate becomes U+FFFD, and bytes that are not valid UTF-8 pass through
/// unchanged (the record layer decides what to do with them). Raw control bytes inside strings
/// are errors, as RFC 8259 says.
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
        guard let (text, start, end) = Self.bounds(of: line) else {
            return .empty
        }
        let stop = collectObject(text, start, end)
        if let malformed = malformation(stop, text, end) {
            return malformed
        }
        storage.collector.replay(text, to: &visitor)
        return .record
    }

    /// Scans one line like `scanRecord(_:visitor:)`, but visits the leaves of the line's
    /// flat members as it reads them (see `JSONCollector.collectEarly`) and has the visitor
    /// restart its record when the line turns out malformed, so such a line still
    /// contributes nothing. Results, reasons and columns are those of the general overload.
    mutating func scanRecord<V: EarlyFieldVisitor>(
        _ line: UnsafeRawBufferPointer, visitor: inout V
    ) -> JSONScanResult {
        guard let (text, start, end) = Self.bounds(of: line) else {
            return .empty
        }
        var stop = -1
        if prepareObject(text, start, end) {
            stop = storage.collector.collectEarly(text, start, end, visitor: &visitor)
        }
        if stop < 0 || JSONCollector.skipWhitespace(text, stop, end) != end {
            return malformed(stop, text, end, visitor: &visitor)
        }
        // Most lines were visited whole during the scan: nothing to replay, and no call.
        if storage.collector.eventCount > 0 {
            storage.collector.replay(text, to: &visitor)
        }
        return .record
    }

    /// The line's bytes and its first and end offsets, or `nil` when it is blank.
    @inline(__always)
    private static func bounds(of line: UnsafeRawBufferPointer)
        -> (UnsafePointer<UInt8>, Int, Int)?
    {
        guard let text = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return nil
        }
        let start = JSONCollector.skipWhitespace(text, 0, line.count)
        return start == line.count ? nil : (text, start, line.count)
    }

    /// What is wrong with the line scanned up to `stop` (-1: failed), having the visitor
    /// restart its record; out of line, so that the scan of a good line inlines small.
    @inline(never)
    private func malformed<V: EarlyFieldVisitor>(
        _ stop: Int, _ text: UnsafePointer<UInt8>, _ end: Int, visitor: inout V
    ) -> JSONScanResult {
        visitor.restartRecord()
        return malformation(stop, text, end) ?? .record
    }

    /// The result for a line whose object ended at `stop` (-1: failed), unless the line is
    /// a valid record.
    @inline(__always)
    private func malformation(_ stop: Int, _ text: UnsafePointer<UInt8>, _ end: Int)
        -> JSONScanResult?
    {
        if stop < 0 {
            let error = storage.collector.failure
            return .malformed(
                reason: error.reason(in: text, end: end, text: .line), column: error.offset + 1)
        }
        let rest = JSONCollector.skipWhitespace(text, stop, end)
        if rest != end {
            return .malformed(reason: "data after the object", column: rest + 1)
        }
        return nil
    }

    /// Validates and records the object at `start`, which must be the first byte of a value.
    ///
    /// - Returns: the offset just past the object, or -1 with `lastFailure` set.
    mutating func collectObject(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        guard prepareObject(text, start, end) else {
            return -1
        }
        return storage.collector.collect(text, start, end, keep: true)
    }

    /// Readies the collector for the object that should start at `start`.
    ///
    /// - Returns: `false`, with `lastFailure` set, when the text is too long or no object
    ///   starts there.
    @inline(__always)
    private mutating func prepareObject(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> Bool
    {
        makeStorageUnique()
        storage.collector.reset()
        guard end <= Int(UInt32.max) else {
            _ = storage.collector.fail(.tooLong, 0)
            return false
        }
        guard text[start] == UInt8(ascii: "{") else {
            _ = storage.collector.fail(.notAnObject, start)
            return false
        }
        return true
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
