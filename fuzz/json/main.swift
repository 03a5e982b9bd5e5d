@testable import RunLens

/// One scanner for every input, as a reader reuses it for every line of a file.
nonisolated(unsafe) private var shared = JSONScanner()
/// Another, for the scans that visit leaves early.
nonisolated(unsafe) private var sharedEarly = JSONScanner()

/// Scans the input as one line, and each of its lines, with a reused and a fresh scanner;
/// both must agree, and a line read as a record must read the same as a JSON document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    checkLine(input)
    for line in fuzzLines(input) { checkLine(line) }
    return 0
}

private func checkLine(_ line: UnsafeRawBufferPointer) {
    var reused = TouchingVisitor()
    let first = shared.scanRecord(line, visitor: &reused)
    var fresh = JSONScanner()
    var again = TouchingVisitor()
    let second = fresh.scanRecord(line, visitor: &again)
    fuzzCheck(first == second, "reused scanner said \(first), a fresh one \(second)")
    fuzzCheck(reused == again, "reused and fresh scanners visited different leaves")

    var early = EarlyTouchingVisitor()
    let third = sharedEarly.scanRecord(line, visitor: &early)
    fuzzCheck(third == first, "visiting early said \(third), after the scan \(first)")
    fuzzCheck(early.touched == reused, "visiting early gave other leaves than after the scan")

    switch first {
    case .record:
        var reader = JSONDocumentReader()
        var document = TouchingVisitor()
        let result = reader.read(line, visitor: &document)
        fuzzCheck(
            result.failure == nil && result.records == 1,
            "a record line is not a one-record document: \(result)")
        fuzzCheck(document.leaves == reused.leaves, "document and line leaves differ")
    case .empty:
        fuzzCheck(reused.leaves == 0, "an empty line visited leaves")
    case .malformed(_, let column):
        fuzzCheck(reused.leaves == 0, "a malformed line visited leaves")
        fuzzCheck(column >= 1 && column <= line.count + 1, "column \(column) of \(line.count)")
    }
}

/// A `TouchingVisitor` that takes leaves early, except those whose key has an odd length (so
/// that lines switch to visiting after the scan part way), and starts over when restarted.
private struct EarlyTouchingVisitor: EarlyFieldVisitor {
    var touched = TouchingVisitor()

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        touched.visitNumber(key: key, index: index, value: value)
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        touched.visitString(key: key, value: value)
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        touched.visitBool(key: key, value: value)
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        touched.visitNull(key: key)
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, number: Double) -> Bool {
        guard key.count % 2 == 0 else { return false }
        touched.visitNumber(key: key, index: nil, value: number)
        return true
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, string: UnsafeRawBufferPointer)
        -> Bool
    {
        guard key.count % 2 == 0 else { return false }
        touched.visitString(key: key, value: string)
        return true
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, bool: Bool) -> Bool {
        guard key.count % 2 == 0 else { return false }
        touched.visitBool(key: key, value: bool)
        return true
    }

    mutating func visitEarlyNull(key: UnsafeRawBufferPointer) -> Bool {
        guard key.count % 2 == 0 else { return false }
        touched.visitNull(key: key)
        return true
    }

    mutating func restartRecord() {
        touched = TouchingVisitor()
    }
}
