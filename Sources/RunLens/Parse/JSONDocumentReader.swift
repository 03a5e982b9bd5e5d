/// Reads a log written as one JSON document rather than as lines.
///
/// Recognises three shapes (see `JSONDocumentShape`): a top-level array of records, a
/// Hugging Face `trainer_state.json` whose `log_history` array holds the records, and a
/// single object that is itself one record. Each record is validated on its own and
/// delivered whole, with the physical line where it starts, in document order. An entry of
/// an array that is not valid JSON is counted and passed over when its end can still be
/// found (`EntryBoundary`), and so is a missing `,` between two entries or two top-level
/// members, stray text after an entry, or a top-level member's value that is not valid
/// JSON; reading stops only where the document cannot be followed. For a trainer state,
/// the other top-level keys are delivered afterwards as one `.metadata` entry (arrays of
/// objects such as `log_history` itself are skipped there, as `JSONScanner` skips them).
///
/// The whole document must be in memory; records are found without copying it. Values are
/// read with `JSONScanner`'s grammar, so bare `NaN` and `Infinity` are accepted.
public struct JSONDocumentReader {
    private var scanner = JSONScanner()
    private var failure = JSONSyntaxError(kind: .notAnObject, offset: 0)
    private var lastKeyIsHistory = false
    /// The top-level values passed over, and the `log_history` array when entries of it
    /// were: the metadata is then read from a copy without them.
    private var patches = DocumentPatches()
    /// Where the first top-level value passed over failed, and how many were.
    private var firstBadMember: JSONSyntaxError?
    private var badMembers = 0
    private let keptFailures: Int

    /// Creates a reader that keeps the first `keptFailures` failures of entries it passes
    /// over (all are counted).
    public init(keptFailures: Int = 16) {
        self.keptFailures = keptFailures
    }

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

        patches.removeAll()
        (firstBadMember, badMembers) = (nil, 0)
        var result = JSONDocumentResult(shape: .unrecognized)
        var locator = LineLocator(text: text)
        var stop = readTopLevel(text, start, end, &result, &locator, &visitor)
        if result.shape == .singleObject, let bad = firstBadMember {
            // A lone object is one record: a bad member fails it whole, where it is.
            result.passedOverEntries -= badMembers
            result.passedOver.removeAll()
            (failure, stop) = (bad, -1)
        }
        if stop < 0 {
            let place = locator.locate(failure.offset)
            let reason = failure.reason(in: text, end: end, text: .document)
            result.failure = JSONDocumentFailure(
                reason: reason, line: place.line, column: place.column)
            result.restUnread = Self.leavesText(failure.kind, shape: result.shape)
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
            let entryStart = index
            let isObject = index < end && text[index] == UInt8(ascii: "{")
            index =
                isObject
                ? scanner.collectObject(text, index, end) : scanner.skipValue(text, index, end)
            if index < 0 {
                let refused = scanner.lastFailure
                index =
                    passOver(refused, at: entryStart, text, end, &result, &locator)
                    ?? scannerFailed()
                if index < 0 {
                    return -1
                }
            } else if isObject {
                deliver(.record, text, at: entryStart, &locator, &visitor)
                result.records += 1
            } else {
                let notObject = JSONSyntaxError(kind: .notAnObject, offset: entryStart)
                notePassedOver(notObject, text, end, &result, &locator)
            }

            index = JSONCollector.skipWhitespace(text, index, end)
            guard index < end else {
                return failAtEnd(text, end)
            }
            if text[index] == UInt8(ascii: "]") {
                return index + 1
            }
            if text[index] == UInt8(ascii: "{") {
                // Two entries with no `,` between them: the gap is one malformed spot.
                let missing = JSONSyntaxError(kind: .expectedCommaOrBracket, offset: index)
                notePassedOver(missing, text, end, &result, &locator)
                continue
            }
            if text[index] != UInt8(ascii: ",") {
                // Neither `,` nor `]` nor a next entry (a stray `}` in `{"a":1}},`): one
                // malformed spot up to the `,` or `]` after it.
                let stray = JSONSyntaxError(kind: .expectedCommaOrBracket, offset: index)
                index =
                    passOver(stray, at: index, text, end, &result, &locator)
                    ?? fail(.expectedCommaOrBracket, index)
                if index < 0 || text[index] == UInt8(ascii: "]") {
                    return index < 0 ? -1 : index + 1
                }
            }
            index += 1
        }
    }

    /// Counts the text at `start`, refused for `failure`, as one entry passed over and
    /// returns the offset of the `,` or `closer` after it (`EntryBoundary`); `nil`, counting
    /// nothing, when there is none, so reading stops there.
    private func passOver(
        _ failure: JSONSyntaxError, at start: Int, closer: UInt8 = UInt8(ascii: "]"),
        _ text: UnsafePointer<UInt8>, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator
    ) -> Int? {
        guard let boundary = EntryBoundary.end(of: start, in: text, upTo: end, closer: closer)
        else {
            return nil
        }
        notePassedOver(failure, text, end, &result, &locator)
        return boundary
    }

    /// Counts the top-level member value at `start`, which the scanner just refused, as
    /// passed over, and returns the offset of the `,` or `}` after it (-1 when there is
    /// none): in a trainer state, settings such as `"best_metric": 1.,` cost one entry,
    /// not the records after them.
    private mutating func passOver(
        valueAt start: Int, _ text: UnsafePointer<UInt8>, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator
    ) -> Int {
        let refused = scanner.lastFailure
        let closer = UInt8(ascii: "}")
        guard
            let boundary = passOver(
                refused, at: start, closer: closer, text, end, &result, &locator)
        else {
            return scannerFailed()
        }
        patches.replace(start..<boundary, with: "null")
        firstBadMember = firstBadMember ?? refused
        badMembers += 1
        return boundary
    }

    /// Counts an entry passed over for `failure`, keeping the first few failures.
    private func notePassedOver(
        _ failure: JSONSyntaxError, _ text: UnsafePointer<UInt8>, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator
    ) {
        result.passedOverEntries += 1
        guard result.passedOver.count < keptFailures else { return }
        let place = locator.locate(failure.offset)
        let reason = failure.reason(in: text, end: end, text: .document)
        result.passedOver.append(
            JSONDocumentFailure(reason: reason, line: place.line, column: place.column))
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
                let (arrayStart, passedBefore) = (index, result.passedOverEntries)
                index = readEntries(text, index, end, &result, &locator, &visitor)
                if index >= 0 && result.passedOverEntries > passedBefore {
                    patches.replace(arrayStart..<index, with: "[]")
                }
            } else {
                let valueStart = index
                index = scanner.skipValue(text, index, end)
                if index < 0 {
                    index = passOver(valueAt: valueStart, text, end, &result, &locator)
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
            if text[index] == UInt8(ascii: "\"") {
                noteMissingComma(at: index, text, end, &result, &locator)
                continue
            }
            guard text[index] == UInt8(ascii: ",") else {
                return fail(.expectedCommaOrBrace, index)
            }
            index += 1
        }
    }

    /// Two top-level members with no `,` between them: the gap is one malformed spot, like a
    /// bad value, and the metadata is read from a copy with the `,` put in.
    private mutating func noteMissingComma(
        at offset: Int, _ text: UnsafePointer<UInt8>, _ end: Int,
        _ result: inout JSONDocumentResult, _ locator: inout LineLocator
    ) {
        let missing = JSONSyntaxError(kind: .expectedCommaOrBrace, offset: offset)
        notePassedOver(missing, text, end, &result, &locator)
        patches.replace(offset..<offset, with: ",")
        firstBadMember = firstBadMember ?? missing
        badMembers += 1
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
        if result.shape == .trainerState, !patches.isEmpty {
            return deliverMetadata(text, start, end, &locator, &visitor)
        }
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

    /// Delivers a trainer state's metadata from a copy of the object at `start` with the
    /// values passed over replaced, as they are not valid JSON.
    private mutating func deliverMetadata<V: JSONDocumentVisitor>(
        _ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        _ locator: inout LineLocator, _ visitor: inout V
    ) -> Int {
        let copy = patches.copy(text, from: start, to: end)
        let line = locator.locate(start).line
        let stop = copy.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return -1 }
            let stop = scanner.collectObject(base, 0, buffer.count)
            guard stop >= 0 else { return -1 }
            visitor.beginEntry(.metadata, line: line)
            scanner.replay(base, to: &visitor)
            visitor.endEntry()
            return stop
        }
        guard stop < 0 else { return end }
        // Only a limit of the scanner's own can refuse members already validated: place its
        // failure back in the document.
        let place = patches.documentOffset(of: scanner.lastFailure.offset, from: start)
        return fail(scanner.lastFailure.kind, place)
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

    /// Whether a failure of `kind` stops reading with entries possibly unread after it: not
    /// at the document's end, nor at data after a complete document.
    private static func leavesText(_ kind: JSONSyntaxError.Kind, shape: JSONDocumentShape)
        -> Bool
    {
        guard shape == .recordArray || shape == .trainerState else { return false }
        return kind != .unexpectedEnd && kind != .dataAfterValue
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
