/// Reading JSON Lines: one object per line.
extension Analyzer {
    /// Reads the records of `first` and the chunks after it; `first` is let go once read, so
    /// that its buffer is recycled rather than held while the rest is read.
    func readJSONLines(
        first: consuming LineChunk?, chunker: LineChunker, summary: inout InputSummary
    ) throws(AnalysisError) {
        let file = assembler.registerFile(summary.path)
        var builder = RecordBuilder(fields: fields)
        builder.relativeTimesInMilliseconds = first.map(Self.looksLikeMooncake) ?? false
        var scanner = JSONScanner()
        var chunk = consume first
        while var current = chunk {
            chunk = nil
            try readLines(
                of: current, file: file, scanner: &scanner, builder: &builder, summary: &summary)
            chunker.recycle(&current)
            chunk = try nextChunk(chunker)
        }
    }

    private func readLines(
        of chunk: LineChunk, file: Int32, scanner: inout JSONScanner, builder: inout RecordBuilder,
        summary: inout InputSummary
    ) throws(AnalysisError) {
        if let length = chunk.oversizedLineLength {
            return try oversized(length, line: chunk.firstLineNumber, summary: &summary)
        }
        // A flag, not `failure == nil`: comparing the optional error copies it for every line.
        var failed = false
        var failure: AnalysisError?
        chunk.forEachLine { line, number in
            guard !failed else { return }
            summary.accounting.lines += 1
            builder.begin()
            switch scanner.scanRecord(line, visitor: &builder) {
            case .record:
                deliver(from: &builder, file: file, line: number, summary: &summary)
            case .empty:
                summary.accounting.empty += 1
            case .malformed(let reason, let column):
                failure = malformed(reason, column: column, line: number, summary: &summary)
                failed = failure != nil
            }
        }
        if let failure { throw failure }
    }

    /// Counts a malformed line; the error that stops the run, if it does. Out of line: the
    /// loop over lines stays small enough for the compiler to inline the per-line calls.
    @inline(never)
    private func malformed(
        _ reason: String, column: Int, line: Int, summary: inout InputSummary
    ) -> AnalysisError? {
        do {
            try malformed("\(reason) (column \(column))", line: line, summary: &summary)
        } catch {
            return error
        }
        return nil
    }

    /// Mooncake request traces stamp each request in milliseconds from the trace's start.
    static func looksLikeMooncake(_ chunk: LineChunk) -> Bool {
        let head = String(decoding: chunk.bytes.prefix(4096), as: UTF8.self)
        return head.contains("\"hash_ids\"") && head.contains("\"input_length\"")
    }
}
