/// Reads a log written as one JSON document rather than as lines.
///
/// Recognises three shapes (see `JSONDocumentShape`): a top-level array of records, a
/// Hugging Face `trainer_state.json` whose `log_history` array holds the records, and a
/// single object that is itself one record. Each record is validated on its own and
/// delivered whole, with the physical line where it starts, in document order. For a
/// trainer state, the other top-level keys are delivered afterwards as one `.metadata`
/// entry (arrays of objects such as `log_history` itself are skipped there, as
/// `JSONScanner` skips them).
///
/// The whole document must be in memory; records are found without copying it. Values are
/// read with `JSONScanner`'s grammar, so bare `NaN` and `Infinity` are accepted.
public struct JSONDocumentReader {
    private var scanner = JSONScanner()
    private var failure = JSONSyntaxError(kind: .notAnObject, offset: 0)
    private var lastKeyIsHistory = false

    /// Creates a reader.
    public init() {}

    /// Reads `document`, delivering each record to `visitor` as soon as it is validated.
    ///
    /// - Returns: the shape, how many records were delivered, and the failure if the
    ///   document is malformed (records before the failure have been delivered).
    public mutating func read<V: JSONDocumentVisitor>(
        _ document: UnsafeRawBufferPointer, visitor: inout V
    ) -> JSONDocumentResult {
        guard let text = document.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return JSONDocumentResult(shape: .empty)
        }
        let end = document.count
        var start = Self.hasByteOrderMark(text, end) ? 3 : 0
        start = JSONCollector.skipWhitespace(text, start, end)
        if start == end {
            return JSONDocumentResult(shape: .empty)
        }

        var result = JSONDocumentResult(shape: .unrecognized)
        var locator = LineLocator(text: text)
        let stop = readTopLevel(text, start, end, &result, &locator, &visitor)
        if stop < 0 {
            let place = locator.locate(failure.offset)
            let reason = failure.reason(in: text, end: end, text: .document)
            result.failure = JSONDocumentFailure(
                reason: reason, line: place.line, column: place.column)
        }
        return result
    }

    private mutating func readTopLevel<V: JSONDocumentVisitor>(
        _ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator, _ visitor: inout V
    ) -> Int {
        guard end <= Int(UInt32.max) else {
            return fail(.tooLong, 0)
        }
        var stop: Int
        switch text[start] {
        case UInt8(ascii: "["):
            result.shape = .recordArray
            stop = readEntries(text, start, end, &result, &locator, &visitor)
        case UInt8(ascii: "{"):
            result.shape = .singleObject
            stop = readMembers(text, start, end, &result, &locator, &visitor)
        default:
            return fail(.notAnObjectOrArray, start)
        }
        if stop < 0 {
            return -1
        }

        stop = JSONCollector.skipWhitespace(text, stop, end)
        if stop != end {
            return fail(.dataAfterValue, stop)
        }
        if text[start] == UInt8(ascii: "{") {
            return deliverObject(text, start, end, &result, &locator, &visitor)
        }
        return stop
    }

    /// Reads the array opened at `start`: each object element is a record.
    private mutating func readEntries<V: JSONDocumentVisitor>(
        _ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator, _ visitor: inout V
    ) -> Int {
        var index = JSONCollector.skipWhitespace(text, start + 1, end)
        if index < end && text[index] == UInt8(ascii: "]") {
            return index + 1
        }

        while true {
            index = JSONCollector.skipWhitespace(text, index, end)
            if index < end && text[index] == UInt8(ascii: "{") {
                let recordStart = index
                index = scanner.collectObject(text, index, end)
                if index < 0 {
                    return scannerFailed()
                }
                deliver(.record, text, at: recordStart, &locator, &visitor)
                result.records += 1
            } else {
                index = scanner.skipValue(text, index, end)
                if index < 0 {
                    return scannerFailed()
                }
                result.skippedEntries += 1
            }

            index = JSONCollector.skipWhitespace(text, index, end)
            guard index < end else {
                return failAtEnd(text, end)
            }
            if text[index] == UInt8(ascii: "]") {
                return index + 1
            }
            guard text[index] == UInt8(ascii: ",") else {
                return fail(.expectedCommaOrBracket, index)
            }
            index += 1
        }
    }

    /// Reads the members of the object opened at `start`, reading a `log_history` array's
    /// records on the way; the other members are only validated.
    private mutating func readMembers<V: JSONDocumentVisitor>(
        _ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator, _ visitor: inout V
    ) -> Int {
        var index = JSONCollector.skipWhitespace(text, start + 1, end)
        if index < end && text[index] == UInt8(ascii: "}") {
            return index + 1
        }

        while true {
            index = readKey(text, index, end)
            if index < 0 {
                return -1
            }
            let isHistory = lastKeyIsHistory
            index = JSONCollector.skipWhitespace(text, index, end)

            if isHistory && index < end && text[index] == UInt8(ascii: "[") {
                result.shape = .trainerState
                index = readEntries(text, index, end, &result, &locator, &visitor)
            } else {
                index = scanner.skipValue(text, index, end)
                if index < 0 {
                    return scannerFailed()
                }
            }
            if index < 0 {
                return -1
            }

            index = JSONCollector.skipWhitespace(text, index, end)
            guard index < end else {
                return failAtEnd(text, end)
            }
            if text[index] == UInt8(ascii: "}") {
                return index + 1
            }
            guard text[index] == UInt8(ascii: ",") else {
                return fail(.expectedCommaOrBrace, index)
            }
            index += 1
        }
    }

    /// Reads `"key" :` at or after `start`, noting whether the key is `log_history`.
    private mutating func readKey(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> Int
    {
        var index = JSONCollector.skipWhitespace(text, start, end)
        guard index < end else {
            return failAtEnd(text, end)
        }
        guard text[index] == UInt8(ascii: "\"") else {
            return fail(.expectedKey, index)
        }
        var key = UnsafeRawBufferPointer(start: nil, count: 0)
        index = scanner.scanString(text, index, end, key: &key)
        if index < 0 {
            return scannerFailed()
        }
        lastKeyIsHistory = key.elementsEqual("log_history".utf8)

        index = JSONCollector.skipWhitespace(text, index, end)
        guard index < end else {
            return failAtEnd(text, end)
        }
        guard text[index] == UInt8(ascii: ":") else {
            return fail(.expectedColon, index)
        }
        return index + 1
    }

    /// Delivers a valid top-level object: as metadata for a trainer state, else as the one
    /// record.
    private mutating func deliverObject<V: JSONDocumentVisitor>(
        _ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator, _ visitor: inout V
    ) -> Int {
        let stop = scanner.collectObject(text, start, end)
        if stop < 0 {
            return scannerFailed()
        }
        if result.shape == .trainerState {
            deliver(.metadata, text, at: start, &locator, &visitor)
        } else {
            deliver(.record, text, at: start, &locator, &visitor)
            result.records += 1
        }
        return stop
    }

    /// Hands the object the scanner just collected to the visitor as one entry.
    private mutating func deliver<V: JSONDocumentVisitor>(
        _ entry: JSONDocumentEntry, _ text: UnsafePointer<UInt8>, at start: Int,
        _ locator: inout LineLocator, _ visitor: inout V
    ) {
        visitor.beginEntry(entry, line: locator.locate(start).line)
        scanner.replay(text, to: &visitor)
        visitor.endEntry()
    }

    private mutating func fail(_ kind: JSONSyntaxError.Kind, _ offset: Int) -> Int {
        failure = JSONSyntaxError(kind: kind, offset: offset)
        return -1
    }

    private mutating func failAtEnd(_ text: UnsafePointer<UInt8>, _ end: Int) -> Int {
        var offset = end
        while offset > 0 && JSONCollector.isWhitespace(text[offset - 1]) {
            offset -= 1
        }
        return fail(.unexpectedEnd, offset)
    }

    private mutating func scannerFailed() -> Int {
        failure = scanner.lastFailure
        return -1
    }

    private static func hasByteOrderMark(_ text: UnsafePointer<UInt8>, _ end: Int) -> Bool {
        end >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF
    }
}

/// Turns byte offsets into 1-based line and column numbers, counting `\n` incrementally.
private struct LineLocator {
    let text: UnsafePointer<UInt8>
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    init(text: UnsafePointer<UInt8>) {
        self.text = text
    }

    /// The line and column of `target`; cheapest when targets come in increasing order.
    mutating func locate(_ target: Int) -> (line: Int, column: Int) {
        if target < offset {
            offset = 0
            line = 1
            lineStart = 0
        }
        while offset < target {
            if text[offset] == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        return (line, target - lineStart + 1)
    }
}
