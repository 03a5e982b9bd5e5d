@testable import RunLens

/// One scanner for every input, as a reader reuses it for every line of a file.
nonisolated(unsafe) private var shared = JSONScanner()

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
