@testable import RunLens

/// One reader for every input, as its scanner buffers are reused.
nonisolated(unsafe) private var shared = JSONDocumentReader()

/// Reads the input as one JSON document with a reused and a fresh reader; both must agree,
/// entries must be framed, and every record must be counted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var reused = TouchingVisitor()
    let first = shared.read(input, visitor: &reused)
    var fresh = JSONDocumentReader()
    var again = TouchingVisitor()
    let second = fresh.read(input, visitor: &again)

    fuzzCheck(first == second, "reused reader said \(first), a fresh one \(second)")
    fuzzCheck(reused == again, "reused and fresh readers visited different leaves")
    fuzzCheck(reused.openEntries == 0, "an entry was left open")
    let metadata = first.shape == .trainerState && first.failure == nil ? 1 : 0
    fuzzCheck(
        reused.entries == first.records + metadata || first.shape == .trainerState,
        "\(reused.entries) entries delivered for \(first.records) records")
    fuzzCheck(reused.entries >= first.records, "fewer entries than records")
    if let failure = first.failure {
        fuzzCheck(failure.line >= 1 && failure.column >= 1, "failure at \(failure)")
    }
    return 0
}
